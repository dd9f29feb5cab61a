namespace IntegrationPortal.Domain.Notifications;

/// <summary>An in-app message to one user about a request they take part in; unread until they open it.</summary>
public sealed class Notification
{
    public const int MaxTextLength = 500;

    private Notification()
    {
        UserId = string.Empty;
        Text = string.Empty;
    }

    public Notification(Guid id, string userId, Guid requestId, string text, DateTimeOffset at)
    {
        Id = id;
        UserId = userId;
        RequestId = requestId;
        Text = text.Length <= MaxTextLength ? text : text[..MaxTextLength];
        At = at;
    }

    public Guid Id { get; private set; }

    /// <summary>The Identity id of the user the notification is for.</summary>
    public string UserId { get; private set; }

    public Guid RequestId { get; private set; }

    public string Text { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>When the user marked the notification read, or null while it is unread.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    /// <summary>Marks the notification read; a second call keeps the first time.</summary>
    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}
