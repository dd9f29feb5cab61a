using IntegrationPortal.Application.Notifications;
using IntegrationPortal.Domain.Notifications;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationPortal.Infrastructure.Notifications;

/// <summary>
/// Adds a notification row per person who takes part in a request: the requester, the assignee
/// when someone else made the change, and the followers. The rows are saved with the status
/// change. When SMTP is configured, each saved row is handed to <see cref="INotificationMailScheduler"/>
/// once the context has saved, so a failing e-mail can never undo the change.
/// </summary>
internal sealed class RequestNotifier : IRequestNotifier
{
    private readonly PortalDbContext _db;
    private readonly INotificationMailScheduler _mail;
    private readonly bool _mailEnabled;
    private readonly TimeProvider _time;
    private readonly List<Guid> _unsent = [];

    public RequestNotifier(PortalDbContext db, INotificationMailScheduler mail, IOptions<NotificationOptions> options, TimeProvider time)
    {
        _db = db;
        _mail = mail;
        _mailEnabled = options.Value.Smtp.IsEnabled;
        _time = time;
        _db.SavedChanges += OnSaved;
        _db.SaveChangesFailed += OnSaveFailed;
    }

    public void StatusChanged(IntegrationRequest request, RequestStatus before, string actorName)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        foreach (var (userId, text) in Messages(request, actorName))
        {
            var notification = new Notification(Guid.NewGuid(), userId, request.Id, text, now);
            _db.Notifications.Add(notification);
            if (_mailEnabled)
            {
                _unsent.Add(notification.Id);
            }
        }
    }

    private List<(string UserId, string Text)> Messages(IntegrationRequest request, string actorName)
    {
        var change = Describe(request, actorName);
        var messages = new List<(string, string)> { (request.RequesterId, $"Your request {change}") };
        if (request.AssigneeId is { } assigneeId && assigneeId != request.RequesterId
            && !string.Equals(request.AssigneeName, actorName, StringComparison.Ordinal))
        {
            messages.Add((assigneeId, $"{request.RequesterName}'s request, which you hold, {change}"));
        }

        // The notifier contract is synchronous, so this query is too. A request has few followers,
        // and they are read by the first column of the primary key.
        var followers = _db.RequestFollowers.AsNoTracking()
            .Where(f => f.RequestId == request.Id)
            .Select(f => f.UserId)
            .ToList();
        foreach (var follower in followers.Where(id => messages.TrueForAll(m => m.Item1 != id)))
        {
            messages.Add((follower, $"{request.RequesterName}'s request, which you follow, {change}"));
        }

        return messages;
    }

    private static string Describe(IntegrationRequest request, string actorName)
    {
        var text = $"\"{request.UseCase}\" ({request.ToolA} and {request.ToolB}) is now {IntegrationRequest.Describe(request.Status)}, changed by {actorName}.";
        return request.Status switch
        {
            RequestStatus.NeedsInformation => $"{text} IT asked a question on the request page.",
            RequestStatus.Rejected => $"{text} Reason: {request.DecisionReason}",
            RequestStatus.Approved => $"{text} The requester can now build the flow.",
            _ => text,
        };
    }

    private void OnSaved(object? sender, SavedChangesEventArgs e)
    {
        foreach (var id in _unsent)
        {
            _mail.Enqueue(id);
        }

        _unsent.Clear();
    }

    private void OnSaveFailed(object? sender, SaveChangesFailedEventArgs e) => _unsent.Clear();
}
