using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Audit.Chain;
using IntegrationPortal.Domain.Audit;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationPortal.Infrastructure.Audit;

/// <summary>The outcome of one pruning: how many events were deleted, the last deleted sequence and the cutoff time.</summary>
public sealed record AuditPruneResult(long PrunedCount, long ThroughSequence, DateTimeOffset Cutoff);

/// <summary>
/// Deletes the oldest audit events once they are older than <see cref="AuditOptions.RetentionDays"/>,
/// and in the same transaction writes a signed checkpoint of the last deleted event and an
/// <c>audit.pruned</c> event, so the chain that remains still verifies from the checkpoint.
/// </summary>
public sealed partial class AuditPruner(
    PortalDbContext db,
    IAuditLog audit,
    AuditChainVerifier verifier,
    AuditCheckpointSigner signer,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditPruner> logger)
{
    /// <summary>
    /// Prunes what the retention allows and returns what was pruned, or null when retention is
    /// off or nothing is old enough. A broken chain is not pruned, because pruning would delete
    /// the evidence, so the method throws instead.
    /// </summary>
    public async Task<AuditPruneResult?> PruneAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RetentionDays is not { } days)
        {
            return null;
        }

        if (days < 1)
        {
            throw new InvalidOperationException(
                $"{AuditOptions.SectionName}:{nameof(AuditOptions.RetentionDays)} is {days}; set a number of days of 1 or more, or leave it empty to keep every event.");
        }

        AuditCheckpointSigner.ReadKey(options.Value.CheckpointKey);
        var report = await verifier.VerifyAsync(null, cancellationToken);
        if (report.Break is { } broken)
        {
            throw new InvalidOperationException(
                $"The audit chain is broken ({broken.Kind}) at sequence {broken.Sequence}, so no event was pruned: {broken.Message}");
        }

        var cutoff = time.GetUtcNow().AddDays(-days);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockAuditChainAsync(cancellationToken);
        var result = await PruneBeforeAsync(cutoff, cancellationToken);
        if (result is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogPruned(result.PrunedCount, result.ThroughSequence, cutoff);
        }

        return result;
    }

    /// <summary>
    /// Deletes the chained events before the first one written at or after the cutoff, so only a
    /// prefix of the chain goes, even where clocks of two processes disagreed.
    /// </summary>
    private async Task<AuditPruneResult?> PruneBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var (headSequence, _) = await AuditChainAppender.ReadHeadAsync(db, cancellationToken);
        var firstKept = await db.AuditEvents.Where(e => e.Sequence > 0 && e.At >= cutoff).MinAsync(e => (long?)e.Sequence, cancellationToken);
        var through = (firstKept ?? headSequence + 1) - 1;
        var lastPruned = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Sequence > 0 && e.Sequence <= through)
            .OrderByDescending(e => e.Sequence)
            .FirstOrDefaultAsync(cancellationToken);
        if (lastPruned is null)
        {
            return null;
        }

        var count = await DeleteThroughAsync(lastPruned.Sequence, cancellationToken);
        var prunedAt = time.GetUtcNow();
        var signature = signer.Sign(AuditCheckpoint.SignedContent(lastPruned.Sequence, lastPruned.Hash, count, prunedAt));
        db.AuditCheckpoints.Add(new AuditCheckpoint(lastPruned.Sequence, lastPruned.Hash, count, prunedAt, signature));

        // Saved before the pruning event is recorded: when no event is left, the next event
        // follows the checkpoint, so the chain must find it in the database.
        await db.SaveChangesAsync(cancellationToken);
        audit.RecordAs(
            AuditJobActor.Id,
            AuditJobActor.Name,
            AuditActions.Pruned,
            "audit-chain",
            "all",
            new { ThroughSequence = lastPruned.Sequence, PrunedCount = count, RetentionDays = options.Value.RetentionDays, Cutoff = cutoff });
        return new AuditPruneResult(count, lastPruned.Sequence, cutoff);
    }

    /// <summary>
    /// Deletes the events up to a sequence. On PostgreSQL this goes through the one database
    /// function that the audit table's trigger lets delete; the trigger rejects every other delete.
    /// </summary>
    private async Task<long> DeleteThroughAsync(long sequence, CancellationToken cancellationToken)
    {
        if (db is PostgresPortalDbContext)
        {
            return await db.Database.SqlQuery<long>($"SELECT audit_prune_through({sequence}) AS \"Value\"").SingleAsync(cancellationToken);
        }

        return await db.AuditEvents.Where(e => e.Sequence > 0 && e.Sequence <= sequence).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} audit events through sequence {Sequence}, older than {Cutoff}")]
    private partial void LogPruned(long count, long sequence, DateTimeOffset cutoff);
}
