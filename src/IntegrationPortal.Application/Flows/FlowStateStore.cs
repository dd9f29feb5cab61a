using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Conflicts;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Engine;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Flows;

/// <summary>
/// Keeps one run's links and cursors in the portal database. Each saved link commits together
/// with the audit event of the values written for it and the conflicts found on it.
/// </summary>
internal sealed class FlowStateStore(
    IPortalDbContext db, IAuditLog audit, IFieldClassification classification, Flow flow, SyncRun run, TimeProvider time) : ISyncStateStore
{
    public async Task<IReadOnlyList<ItemLink>> LoadLinksAsync(Guid flowId, CancellationToken cancellationToken) =>
        await db.ItemLinks.Where(l => l.FlowId == flowId).ToListAsync(cancellationToken);

    public async Task SaveLinkAsync(
        ItemLink link,
        IReadOnlyList<FieldChange> changes,
        IReadOnlyList<FieldConflict> conflicts,
        CancellationToken cancellationToken)
    {
        link.UpdatedAt = time.GetUtcNow();
        if (!await db.ItemLinks.AnyAsync(l => l.Id == link.Id, cancellationToken))
        {
            db.ItemLinks.Add(link);
        }

        if (changes.Count > 0)
        {
            audit.Record(AuditActions.ItemSynced, "flow", flow.Id.ToString(), new
            {
                RunId = run.Id,
                FlowVersion = flow.Version,
                LinkId = link.Id,
                link.ItemIdA,
                link.ItemIdB,
                Changes = changes.Select(c => new
                {
                    Side = c.TargetSide,
                    c.ItemId,
                    c.Field,
                    Old = Mask(c, c.OldValue),
                    New = Mask(c, c.NewValue),
                    Conflict = c.WasConflict,
                }),
            });
        }

        // The engine saves a link that is no longer active only when it flags it, so this records
        // each flag once: which item disappeared and whether its counterpart was closed.
        if (link.State != LinkState.Active)
        {
            audit.Record(AuditActions.ItemLinkFlagged, "flow", flow.Id.ToString(), new
            {
                RunId = run.Id,
                FlowVersion = flow.Version,
                LinkId = link.Id,
                link.ItemIdA,
                link.ItemIdB,
                State = link.State.ToString(),
                link.MissingSide,
                link.MissingSince,
            });
        }

        await ConflictRecorder.AddAsync(db, audit, classification, flow, run, link, conflicts, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Masks a written value when the target field or the field it was mapped from is sensitive,
    /// because either classification applies to the same value.
    /// </summary>
    private string? Mask(FieldChange change, string? value)
    {
        var mapping = flow.Mappings.FirstOrDefault(m => (change.TargetSide == "A" ? m.FieldA : m.FieldB) == change.Field);
        var sourceSide = change.TargetSide == "A" ? "B" : "A";
        var sourceField = mapping is null ? null : (sourceSide == "A" ? mapping.FieldA : mapping.FieldB);
        var masked = AuditValueMask.Apply(classification, flow.Id, change.TargetSide, change.Field, value);
        return sourceField is null ? masked : AuditValueMask.Apply(classification, flow.Id, sourceSide, sourceField, masked);
    }

    public async Task SaveCursorsAsync(Guid flowId, DateTimeOffset? cursorA, DateTimeOffset? cursorB, CancellationToken cancellationToken)
    {
        flow.CursorA = cursorA;
        flow.CursorB = cursorB;
        await db.SaveChangesAsync(cancellationToken);
    }
}
