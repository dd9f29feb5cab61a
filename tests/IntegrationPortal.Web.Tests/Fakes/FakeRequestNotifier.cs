using IntegrationPortal.Application.Notifications;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Web.Tests.Fakes;

/// <summary>A request notifier that sends nothing, for hosts whose tests do not check notifications.</summary>
public sealed class FakeRequestNotifier : IRequestNotifier
{
    public void StatusChanged(IntegrationRequest request, RequestStatus before, string actorName)
    {
    }
}
