using IntegrationPortal.Application.Audit;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeAuditQueries : IAuditQueries
{
    public List<AuditQuery> Queries { get; } = [];

    public Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        return Task.FromResult(new AuditPage([], false));
    }
}
