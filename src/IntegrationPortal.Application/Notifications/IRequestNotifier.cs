using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Notifications;

/// <summary>
/// Tells people that a request changed status: an in-app notification for the requester (and
/// for the assignee when someone else made the change), and an e-mail when SMTP is configured.
/// Call it after the status change and before SaveChanges; the notification is saved with it.
/// </summary>
public interface IRequestNotifier
{
    void StatusChanged(IntegrationRequest request, RequestStatus before, string actorName);
}
