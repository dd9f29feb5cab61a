namespace IntegrationPortal.Domain.Requests;

/// <summary>One message in a request's thread between the requester and IT.</summary>
public sealed class RequestComment
{
    public const int MaxTextLength = 4000;

    private RequestComment()
    {
        AuthorId = string.Empty;
        AuthorName = string.Empty;
        Text = string.Empty;
    }

    public RequestComment(Guid id, Guid requestId, string authorId, string authorName, string text, DateTimeOffset at)
    {
        Id = id;
        RequestId = requestId;
        AuthorId = authorId;
        AuthorName = authorName;
        Text = text;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    public string AuthorId { get; private set; }

    public string AuthorName { get; private set; }

    public string Text { get; private set; }

    public DateTimeOffset At { get; private set; }
}
