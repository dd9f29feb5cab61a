using IntegrationPortal.Application.Notifications;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Infrastructure.Tests.Requests.Backlog;

/// <summary>Records each template request and returns a template at version 1 that approves at once.</summary>
internal sealed class FakeTemplateFactory : ITemplateFactory
{
    public List<(string Name, IReadOnlyList<Guid> RequestIds)> Calls { get; } = [];

    public Guid TemplateId { get; } = Guid.NewGuid();

    public Task<TemplateMatch> CreateFromRequestsAsync(string name, IReadOnlyList<Guid> requestIds, CancellationToken cancellationToken)
    {
        Calls.Add((name, requestIds));
        return Task.FromResult(new TemplateMatch(TemplateId, name, 1, AutoApproves: true, []));
    }
}

/// <summary>Records each status change it receives, with the status the request had before and after.</summary>
internal sealed class FakeRequestNotifier : IRequestNotifier
{
    public List<(Guid RequestId, RequestStatus Before, RequestStatus After, string Actor)> Changes { get; } = [];

    public void StatusChanged(IntegrationRequest request, RequestStatus before, string actorName)
    {
        ArgumentNullException.ThrowIfNull(request);
        Changes.Add((request.Id, before, request.Status, actorName));
    }
}
