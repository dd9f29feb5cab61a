using IntegrationPortal.Domain.Audit;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Infrastructure.Audit;

/// <summary>
/// Chains the audit events that a save adds, inside the transaction that inserts them, so events
/// are chained in commit order even when several processes write to one database.
/// </summary>
internal static class AuditChainAppender
{
    /// <summary>
    /// Takes the chain lock, reads the newest event (or the newest checkpoint when pruning left no
    /// event) and chains <paramref name="pending"/> after it in the order they were added.
    /// The caller's transaction must be open, so the lock is held until it commits.
    /// </summary>
    public static async Task ChainAsync(PortalDbContext db, IReadOnlyList<AuditEvent> pending, CancellationToken cancellationToken)
    {
        await db.LockAuditChainAsync(cancellationToken);
        var (sequence, hash) = await ReadHeadAsync(db, cancellationToken);
        foreach (var auditEvent in pending)
        {
            auditEvent.AppendTo(sequence, hash);
            sequence = auditEvent.Sequence;
            hash = auditEvent.Hash;
        }
    }

    /// <summary>Returns the sequence and hash that the next event follows.</summary>
    public static async Task<(long Sequence, string Hash)> ReadHeadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Sequence > 0)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        if (last is not null)
        {
            return (last.Sequence, last.Hash);
        }

        var checkpoint = await db.AuditCheckpoints.AsNoTracking()
            .OrderByDescending(c => c.LastSequence)
            .Select(c => new { c.LastSequence, c.LastHash })
            .FirstOrDefaultAsync(cancellationToken);
        return checkpoint is null ? (0, AuditChainHash.Genesis) : (checkpoint.LastSequence, checkpoint.LastHash);
    }

    /// <summary>Returns the added events that are not chained yet, in the order they were added.</summary>
    public static List<AuditEvent> PendingEvents(DbContext db) =>
        [.. db.ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added && !e.Entity.IsChained)
            .Select(e => e.Entity)
            .OrderBy(e => e.CreationOrder)];
}
