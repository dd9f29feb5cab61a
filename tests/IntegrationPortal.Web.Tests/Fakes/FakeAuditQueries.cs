using IntegrationPortal.Application.Audit;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeAuditQueries : IAuditQueries
{
    public List<AuditQuery> Queries { get; } = [];

    /// <summary>Pages returned in order, one per call, and an empty page once they run out.</summary>
    public Queue<AuditPage> Pages { get; } = new();

    public Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        return Task.FromResult(Pages.TryDequeue(out var page) ? page : new AuditPage([], false));
    }
}
