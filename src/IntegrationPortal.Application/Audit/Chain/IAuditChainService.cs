namespace IntegrationPortal.Application.Audit.Chain;

/// <summary>Verification of the audit chain, on demand for auditors and IT admins and on a schedule.</summary>
public interface IAuditChainService
{
    /// <summary>
    /// Verifies the whole chain for the current user, who must be an auditor or IT admin, and
    /// records the outcome as an audit event.
    /// </summary>
    Task<AuditChainReport> CheckAsync(IProgress<AuditVerificationProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Verifies the chain for the scheduled job and records the outcome; a broken chain is also logged as a warning.</summary>
    Task<AuditChainReport> VerifyScheduledAsync(CancellationToken cancellationToken);
}
