using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Conflicts;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Engine;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Conflicts;

/// <summary>
/// Adds the conflicts that a run found on one linked pair to the unit of work that saves the link,
/// so the queue entries, their audit events and the moved bases commit together.
/// </summary>
internal static class ConflictRecorder
{
    /// <summary>
    /// Adds one open conflict and one <see cref="AuditActions.ConflictDetected"/> event per found
    /// conflict. An open conflict on the same pair and field is superseded, because the queue
    /// should offer only the latest values of a field.
    /// </summary>
    public static async Task AddAsync(
        IPortalDbContext db,
        IAuditLog audit,
        IFieldClassification classification,
        Flow flow,
        SyncRun run,
        ItemLink link,
        IReadOnlyList<FieldConflict> conflicts,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        if (conflicts.Count == 0)
        {
            return;
        }

        var open = await db.SyncConflicts
            .Where(c => c.LinkId == link.Id && c.Status == ConflictStatus.Open)
            .ToListAsync(cancellationToken);

        foreach (var found in conflicts)
        {
            var conflict = new SyncConflict(
                Guid.NewGuid(),
                flow.Id,
                link.Id,
                run.Id,
                found.ItemIdA,
                found.ItemIdB,
                found.FieldA,
                found.FieldB,
                new ConflictSideValue(found.ValueA, Cut(found.AuthorA), found.ChangedAtA),
                new ConflictSideValue(found.ValueB, Cut(found.AuthorB), found.ChangedAtB),
                found.Rule,
                found.WinningSide,
                at);
            var superseded = open.Where(c => c.Status == ConflictStatus.Open && c.SameFieldAs(conflict)).ToList();
            foreach (var older in superseded)
            {
                older.Supersede(at);
            }

            db.SyncConflicts.Add(conflict);
            audit.Record(AuditActions.ConflictDetected, "flow", flow.Id.ToString(), new
            {
                ConflictId = conflict.Id,
                RunId = run.Id,
                LinkId = link.Id,
                conflict.ItemIdA,
                conflict.ItemIdB,
                conflict.FieldA,
                conflict.FieldB,
                ValueA = Mask(classification, conflict, conflict.ValueA),
                ValueB = Mask(classification, conflict, conflict.ValueB),
                conflict.AuthorA,
                conflict.AuthorB,
                conflict.ChangedAtA,
                conflict.ChangedAtB,
                Rule = conflict.Rule.ToString(),
                conflict.KeptSide,
                Superseded = superseded.Select(c => c.Id),
            });
        }
    }

    /// <summary>
    /// Masks a value when the field on either side is sensitive, because both sides' values are
    /// values of the same synced data. The queue entry itself keeps the values, so IT can decide.
    /// </summary>
    private static string? Mask(IFieldClassification classification, SyncConflict conflict, string? value) =>
        AuditValueMask.Apply(classification, conflict.FlowId, "B", conflict.FieldB, AuditValueMask.Apply(classification, conflict.FlowId, "A", conflict.FieldA, value));

    private static string? Cut(string? author) =>
        author is null || author.Length <= SyncConflict.MaxAuthorLength ? author : author[..SyncConflict.MaxAuthorLength];
}
