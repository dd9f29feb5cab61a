using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationPortal.Application.Audit.Chain;

/// <summary>
/// Walks the audit chain in sequence order, in batches, from the latest pruning checkpoint (or
/// the first event) to the newest event, and stops at the first broken link. Events written
/// before the chain existed have a sequence of zero or less and are not covered.
/// </summary>
public sealed class AuditChainVerifier(IPortalDbContext db, AuditCheckpointSigner signer, IOptions<AuditOptions> options)
{
    public async Task<AuditChainReport> VerifyAsync(IProgress<AuditVerificationProgress>? progress, CancellationToken cancellationToken)
    {
        var checkpoint = await db.AuditCheckpoints.AsNoTracking()
            .OrderByDescending(c => c.LastSequence)
            .FirstOrDefaultAsync(cancellationToken);
        var expectedSequence = (checkpoint?.LastSequence ?? 0) + 1;
        var previousHash = checkpoint?.LastHash ?? AuditChainHash.Genesis;
        var fromSequence = expectedSequence;
        if (checkpoint is not null && CheckCheckpoint(checkpoint) is { } invalid)
        {
            return new AuditChainReport(0, fromSequence, checkpoint.LastSequence, checkpoint.LastHash, invalid);
        }

        var total = await db.AuditEvents.LongCountAsync(e => e.Sequence >= fromSequence, cancellationToken);
        var batchSize = Math.Max(1, options.Value.VerifyBatchSize);
        long checkedCount = 0;
        while (true)
        {
            var after = expectedSequence - 1;
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var auditEvent in batch)
            {
                if (await CheckLinkAsync(auditEvent, expectedSequence, previousHash, cancellationToken) is { } broken)
                {
                    progress?.Report(new AuditVerificationProgress(checkedCount, total));
                    return new AuditChainReport(checkedCount, fromSequence, expectedSequence - 1, previousHash, broken);
                }

                checkedCount++;
                expectedSequence++;
                previousHash = auditEvent.Hash;
            }

            progress?.Report(new AuditVerificationProgress(checkedCount, Math.Max(total, checkedCount)));
            if (batch.Count < batchSize)
            {
                return new AuditChainReport(checkedCount, fromSequence, expectedSequence - 1, previousHash, null);
            }
        }
    }

    private AuditChainBreak? CheckCheckpoint(AuditCheckpoint checkpoint)
    {
        if (!signer.HasKey)
        {
            return new AuditChainBreak(
                AuditChainBreakKind.CheckpointInvalid, null, checkpoint.LastSequence, "a signature that the checkpoint key confirms", "no key configured",
                $"The pruning checkpoint at sequence {checkpoint.LastSequence} cannot be checked because {AuditOptions.SectionName}:{nameof(AuditOptions.CheckpointKey)} is not set; set the key that signed it.");
        }

        return signer.IsValid(checkpoint)
            ? null
            : new AuditChainBreak(
                AuditChainBreakKind.CheckpointInvalid, null, checkpoint.LastSequence, "a valid signature", "a signature that does not match",
                $"The pruning checkpoint at sequence {checkpoint.LastSequence} was changed after it was signed, or was signed with another key.");
    }

    /// <summary>Returns the break at <paramref name="auditEvent"/>, or null when it follows its predecessor correctly.</summary>
    private async Task<AuditChainBreak?> CheckLinkAsync(AuditEvent auditEvent, long expectedSequence, string previousHash, CancellationToken cancellationToken)
    {
        if (auditEvent.Sequence != expectedSequence)
        {
            return new AuditChainBreak(
                AuditChainBreakKind.Deleted, auditEvent.Id, auditEvent.Sequence, $"sequence {expectedSequence}", $"sequence {auditEvent.Sequence}",
                $"Events {expectedSequence} to {auditEvent.Sequence - 1} are missing before event {auditEvent.Id}.");
        }

        var contentHash = AuditChainHash.Compute(auditEvent);
        if (auditEvent.PreviousHash != previousHash)
        {
            return await ClassifyWrongPredecessorAsync(auditEvent, previousHash, contentHash, cancellationToken);
        }

        return contentHash == auditEvent.Hash
            ? null
            : new AuditChainBreak(
                AuditChainBreakKind.Edited, auditEvent.Id, auditEvent.Sequence, $"hash {contentHash}", $"hash {auditEvent.Hash}",
                $"Event {auditEvent.Id} (sequence {auditEvent.Sequence}) was changed after it was written.");
    }

    private async Task<AuditChainBreak> ClassifyWrongPredecessorAsync(
        AuditEvent auditEvent, string previousHash, string contentHash, CancellationToken cancellationToken)
    {
        var expected = $"previous hash {previousHash}";
        var found = $"previous hash {auditEvent.PreviousHash}";
        var namedPredecessor = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Hash == auditEvent.PreviousHash)
            .Select(e => (long?)e.Sequence)
            .FirstOrDefaultAsync(cancellationToken);
        if (namedPredecessor is { } sequence)
        {
            return new AuditChainBreak(
                AuditChainBreakKind.Reordered, auditEvent.Id, auditEvent.Sequence, expected, found,
                $"Event {auditEvent.Id} at sequence {auditEvent.Sequence} was written after the event now at sequence {sequence}, so events were moved.");
        }

        // The event's own fields are consistent, so the event it followed is gone, and the
        // sequence numbers after it were rewritten to hide the gap.
        return contentHash == auditEvent.Hash
            ? new AuditChainBreak(
                AuditChainBreakKind.Deleted, auditEvent.Id, auditEvent.Sequence, expected, found,
                $"The event written before event {auditEvent.Id} (sequence {auditEvent.Sequence}) is missing.")
            : new AuditChainBreak(
                AuditChainBreakKind.Edited, auditEvent.Id, auditEvent.Sequence, expected, found,
                $"Event {auditEvent.Id} (sequence {auditEvent.Sequence}) was changed after it was written, including the link to its predecessor.");
    }
}
