using System.Runtime.CompilerServices;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Audit;
using IntegrationPortal.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Audit;

public sealed class AuditQueries(IPortalDbContext db, ICurrentUser user) : IAuditQueries
{
    public const int MaxPageSize = 200;

    /// <summary>Events read per database round trip while streaming an export.</summary>
    public const int StreamBatchSize = 1000;

    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        RequireReader();
        AuditFilterQuery.Validate(query.Filter);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var filtered = db.AuditEvents.AsNoTracking().Apply(query.Filter);

        // Keyset paging: each page starts from an id, never from an offset, so reading page
        // one thousand costs what page one costs and new events cannot shift a page.
        if (query.AfterId is { } afterId)
        {
            var newer = await filtered.Where(e => e.Id > afterId).OrderBy(e => e.Id).Take(pageSize + 1)
                .ToListAsync(cancellationToken);
            var page = newer.Take(pageSize).Reverse().Select(ToDto).ToList();
            var hasOlder = await filtered.AnyAsync(e => e.Id <= afterId, cancellationToken);
            return new AuditPage(page, hasOlder, HasNewer: newer.Count > pageSize);
        }

        var events = filtered;
        var hasNewer = false;
        if (query.BeforeId is { } beforeId)
        {
            events = events.Where(e => e.Id < beforeId);
            hasNewer = await filtered.AnyAsync(e => e.Id >= beforeId, cancellationToken);
        }

        var rows = await events.OrderByDescending(e => e.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var older = rows.Take(pageSize).Select(ToDto).ToList();
        return new AuditPage(older, HasOlder: rows.Count > pageSize, hasNewer);
    }

    public async Task<long> CountAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        RequireReader();
        AuditFilterQuery.Validate(filter);
        return await db.AuditEvents.Apply(filter).LongCountAsync(cancellationToken);
    }

    public IAsyncEnumerable<AuditEventDto> StreamAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        // Checked here rather than inside the iterator, so a caller learns before it starts a response.
        RequireReader();
        AuditFilterQuery.Validate(filter);
        return ReadBatchesAsync(filter, cancellationToken);
    }

    private async IAsyncEnumerable<AuditEventDto> ReadBatchesAsync(
        AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filtered = db.AuditEvents.AsNoTracking().Apply(filter);
        long afterId = 0;
        while (true)
        {
            // Batches by id keep no query or transaction open while the client downloads.
            var position = afterId;
            var batch = await filtered.Where(e => e.Id > position).OrderBy(e => e.Id).Take(StreamBatchSize)
                .ToListAsync(cancellationToken);
            foreach (var auditEvent in batch)
            {
                yield return ToDto(auditEvent);
            }

            if (batch.Count < StreamBatchSize)
            {
                yield break;
            }

            afterId = batch[^1].Id;
        }
    }

    public async Task<IReadOnlyList<LinkSummaryDto>> FindLinksAsync(Guid flowId, string itemId, CancellationToken cancellationToken)
    {
        RequireReader();
        var id = itemId.Trim();
        if (id.Length == 0)
        {
            throw ValidatorExtensions.Invalid("ItemId", "Enter the id of an item on side A or side B of the flow.");
        }

        var links = await db.ItemLinks.AsNoTracking()
            .Where(l => l.FlowId == flowId && (l.ItemIdA == id || l.ItemIdB == id))
            .ToListAsync(cancellationToken);
        return [.. links.Select(l => new LinkSummaryDto(l.Id, l.ItemIdA, l.ItemIdB, l.State.ToString(), l.CreatedAt))];
    }

    public async Task<FieldHistory> GetFieldHistoryAsync(Guid flowId, Guid linkId, CancellationToken cancellationToken)
    {
        RequireReader();
        var link = await db.ItemLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId && l.FlowId == flowId, cancellationToken)
            ?? throw new NotFoundException("Item link", linkId);
        var summary = new LinkSummaryDto(link.Id, link.ItemIdA, link.ItemIdB, link.State.ToString(), link.CreatedAt);
        return await FieldHistoryReader.ReadAsync(db, flowId, summary, cancellationToken);
    }

    private static AuditEventDto ToDto(AuditEvent e) => new(e.Id, e.At, e.ActorName, e.Action, e.TargetType, e.TargetId, e.Details);

    private void RequireReader() => user.Require(Roles.Auditor, Roles.ItAdmin);
}
