using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Notifications;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests;

/// <summary>
/// Moves a request along as its flows are built and activated. The caller saves the change; the
/// audit event and the notifications are added to the same unit of work.
/// </summary>
public sealed class RequestProgress(IAuditLog audit, IRequestNotifier notifier, ICurrentUser user, TimeProvider time)
{
    /// <summary>Marks an approved request built by its first flow; later flows change nothing.</summary>
    public void FlowBuilt(IntegrationRequest request, Flow flow)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(flow);
        var before = request.Status;
        request.MarkBuilt(time.GetUtcNow());
        Record(request, before, AuditActions.RequestBuilt, flow, $"Built the flow {flow.Name}.");
    }

    /// <summary>Marks a built request live when one of its flows is activated for the first time.</summary>
    public void FlowActivated(IntegrationRequest request, Flow flow)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(flow);
        var before = request.Status;
        request.MarkLive(time.GetUtcNow());
        Record(request, before, AuditActions.RequestLive, flow, $"The flow {flow.Name} went live.");
    }

    private void Record(IntegrationRequest request, RequestStatus before, string action, Flow flow, string summary)
    {
        if (request.Status == before)
        {
            return;
        }

        audit.Record(action, "request", request.Id.ToString(), new
        {
            Summary = summary,
            From = before.ToString(),
            To = request.Status.ToString(),
            FlowId = flow.Id,
            Flow = flow.Name,
        });
        notifier.StatusChanged(request, before, user.UserName);
    }
}
