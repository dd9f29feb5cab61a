using IntegrationPortal.Application.Templates;

namespace IntegrationPortal.Web.Tests.Fakes;

/// <summary>A template factory that returns a new auto-approving template without storing it.</summary>
public sealed class FakeTemplateFactory : ITemplateFactory
{
    public Task<TemplateMatch> CreateFromRequestsAsync(string name, IReadOnlyList<Guid> requestIds, CancellationToken cancellationToken) =>
        Task.FromResult(new TemplateMatch(Guid.NewGuid(), name, 1, AutoApproves: true, []));
}
