using IntegrationPortal.Application.Templates;

namespace IntegrationPortal.Web.Tests.Fakes;

/// <summary>Stands in for the template factory, which this branch does not implement, so the host's services validate.</summary>
public sealed class FakeTemplateFactory : ITemplateFactory
{
    public Task<TemplateMatch> CreateFromRequestsAsync(string name, IReadOnlyList<Guid> requestIds, CancellationToken cancellationToken) =>
        Task.FromResult(new TemplateMatch(Guid.NewGuid(), name, 1, AutoApproves: true, []));
}
