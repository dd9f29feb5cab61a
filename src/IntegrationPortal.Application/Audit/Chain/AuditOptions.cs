namespace IntegrationPortal.Application.Audit.Chain;

/// <summary>The "Audit" configuration section: chain verification, retention and the checkpoint key.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Days an event is kept before pruning deletes it; empty keeps every event.</summary>
    public int? RetentionDays { get; set; }

    /// <summary>Cron expression (UTC) of the chain verification job; daily at 03:00 by default.</summary>
    public string VerifyCron { get; set; } = "0 3 * * *";

    /// <summary>Cron expression (UTC) of the pruning job, which runs only when <see cref="RetentionDays"/> is set.</summary>
    public string PruneCron { get; set; } = "30 3 * * *";

    /// <summary>Events read per query while verifying.</summary>
    public int VerifyBatchSize { get; set; } = 1000;

    /// <summary>
    /// Base64 of at least 32 random bytes that signs pruning checkpoints, required when
    /// <see cref="RetentionDays"/> is set. Keep it outside the database, because a key stored next
    /// to the checkpoints would let anyone who can edit them sign them again.
    /// </summary>
    public string? CheckpointKey { get; set; }
}
