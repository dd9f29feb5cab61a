namespace IntegrationPortal.Domain.Requests;

/// <summary>
/// A user who joined someone else's request instead of filing a look-alike one. Followers can
/// read the request and get a notification on each of its status changes.
/// </summary>
public sealed class RequestFollower
{
    private RequestFollower()
    {
        UserId = string.Empty;
        UserName = string.Empty;
    }

    public RequestFollower(Guid requestId, string userId, string userName, DateTimeOffset at)
    {
        RequestId = requestId;
        UserId = userId;
        UserName = userName;
        At = at;
    }

    public Guid RequestId { get; private set; }

    public string UserId { get; private set; }

    public string UserName { get; private set; }

    /// <summary>When the user joined the request.</summary>
    public DateTimeOffset At { get; private set; }
}
