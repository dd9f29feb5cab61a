namespace IntegrationPortal.Domain.Audit;

/// <summary>
/// The record that pruning leaves of the events it deleted: the last pruned event's sequence and
/// hash, so verification can start after it. <see cref="Signature"/> is an HMAC over the other
/// fields with a key that only the portal holds, so an edited checkpoint is detected.
/// </summary>
public sealed class AuditCheckpoint
{
    public AuditCheckpoint(long lastSequence, string lastHash, long prunedCount, DateTimeOffset prunedAt, string signature)
    {
        LastSequence = lastSequence;
        LastHash = lastHash;
        PrunedCount = prunedCount;
        PrunedAt = AuditChainHash.TruncateToMilliseconds(prunedAt);
        Signature = signature;
    }

    public long Id { get; private set; }

    /// <summary>The sequence of the last deleted event; the chain continues at the next one.</summary>
    public long LastSequence { get; private set; }

    /// <summary>The hash of the last deleted event, which the next event names as its previous hash.</summary>
    public string LastHash { get; private set; }

    /// <summary>The number of events deleted by this pruning.</summary>
    public long PrunedCount { get; private set; }

    public DateTimeOffset PrunedAt { get; private set; }

    /// <summary>Lowercase hex HMAC-SHA256 over <see cref="SignedContent(long, string, long, DateTimeOffset)"/>.</summary>
    public string Signature { get; private set; }

    /// <summary>The text that the signature covers, for a checkpoint with these fields.</summary>
    public static string SignedContent(long lastSequence, string lastHash, long prunedCount, DateTimeOffset prunedAt) =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"audit-checkpoint-v1|{lastSequence}|{lastHash}|{prunedCount}|{AuditChainHash.TruncateToMilliseconds(prunedAt).UtcTicks}");

    /// <summary>The text that this checkpoint's signature covers.</summary>
    public string SignedContent() => SignedContent(LastSequence, LastHash, PrunedCount, PrunedAt);
}
