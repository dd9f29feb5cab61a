using IntegrationPortal.Application.Notifications;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Web.Tests.Fakes;

/// <summary>Stands in for the request notifier, which this branch does not implement, so the host's services validate.</summary>
public sealed class FakeRequestNotifier : IRequestNotifier
{
    public void StatusChanged(IntegrationRequest request, RequestStatus before, string actorName)
    {
    }
}
