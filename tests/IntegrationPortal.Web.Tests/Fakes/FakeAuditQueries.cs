using System.Runtime.CompilerServices;
using IntegrationPortal.Application.Audit;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeAuditQueries : IAuditQueries
{
    public List<AuditQuery> Queries { get; } = [];

    /// <summary>Pages returned in order, one per call, and an empty page once they run out.</summary>
    public Queue<AuditPage> Pages { get; } = new();

    public List<LinkSummaryDto> Links { get; } = [];

    public FieldHistory? History { get; set; }

    public long Count { get; set; }

    public Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        return Task.FromResult(Pages.TryDequeue(out var page) ? page : new AuditPage([], false, false));
    }

    public Task<long> CountAsync(AuditFilter filter, CancellationToken cancellationToken) => Task.FromResult(Count);

    public async IAsyncEnumerable<AuditEventDto> StreamAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    public Task<IReadOnlyList<LinkSummaryDto>> FindLinksAsync(Guid flowId, string itemId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LinkSummaryDto>>([.. Links.Where(l => l.ItemIdA == itemId || l.ItemIdB == itemId)]);

    public Task<FieldHistory> GetFieldHistoryAsync(Guid flowId, Guid linkId, CancellationToken cancellationToken) =>
        Task.FromResult(History ?? throw new InvalidOperationException("Set History first."));
}
