namespace IntegrationPortal.Application.Audit.Chain;

/// <summary>How a link of the chain is broken.</summary>
public enum AuditChainBreakKind
{
    /// <summary>A stored field of the event no longer matches its hash.</summary>
    Edited,

    /// <summary>Events are missing before this one: a gap in the sequence, or a predecessor that no longer exists.</summary>
    Deleted,

    /// <summary>The event names as its predecessor another event that exists elsewhere in the chain.</summary>
    Reordered,

    /// <summary>The pruning checkpoint that verification starts from has an invalid signature, or no key to check it.</summary>
    CheckpointInvalid,
}

/// <summary>The first broken link: where, what verification expected there and what it found.</summary>
public sealed record AuditChainBreak(AuditChainBreakKind Kind, long? EventId, long? Sequence, string Expected, string Found, string Message);

/// <summary>
/// The outcome of one walk over the chain. <see cref="FromSequence"/> is where it started (after
/// the latest checkpoint), and <see cref="LastSequence"/> and <see cref="LastHash"/> are those of
/// the last event found intact.
/// </summary>
public sealed record AuditChainReport(long CheckedCount, long FromSequence, long LastSequence, string LastHash, AuditChainBreak? Break)
{
    public bool IsIntact => Break is null;
}

/// <summary>Progress of a verification: events checked so far out of those present when it started.</summary>
public readonly record struct AuditVerificationProgress(long Checked, long Total);
