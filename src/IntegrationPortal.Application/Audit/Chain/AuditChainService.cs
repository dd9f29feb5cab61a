using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Identity;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Application.Audit.Chain;

/// <summary>Runs <see cref="AuditChainVerifier"/> for a user or the scheduled job and records each outcome as an audit event.</summary>
public sealed partial class AuditChainService(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    AuditChainVerifier verifier,
    ILogger<AuditChainService> logger) : IAuditChainService
{
    public async Task<AuditChainReport> CheckAsync(IProgress<AuditVerificationProgress>? progress, CancellationToken cancellationToken)
    {
        user.Require(Roles.Auditor, Roles.ItAdmin);
        var report = await verifier.VerifyAsync(progress, cancellationToken);

        audit.Record(ActionFor(report), "audit-chain", "all", Describe(report, "on-demand"));
        await db.SaveChangesAsync(cancellationToken);
        LogOutcome(report);
        return report;
    }

    public async Task<AuditChainReport> VerifyScheduledAsync(CancellationToken cancellationToken)
    {
        var report = await verifier.VerifyAsync(null, cancellationToken);

        audit.RecordAs(AuditJobActor.Id, AuditJobActor.Name, ActionFor(report), "audit-chain", "all", Describe(report, "schedule"));
        await db.SaveChangesAsync(cancellationToken);
        LogOutcome(report);
        return report;
    }

    private static string ActionFor(AuditChainReport report) => report.IsIntact ? AuditActions.ChainVerified : AuditActions.ChainBroken;

    private static object Describe(AuditChainReport report, string trigger) => new
    {
        Trigger = trigger,
        report.CheckedCount,
        report.FromSequence,
        report.LastSequence,
        report.LastHash,
        Break = report.Break is { } broken
            ? new { Kind = broken.Kind.ToString(), broken.EventId, broken.Sequence, broken.Expected, broken.Found, broken.Message }
            : null,
    };

    private void LogOutcome(AuditChainReport report)
    {
        if (report.Break is { } broken)
        {
            LogBroken(broken.Kind, broken.EventId, broken.Sequence, broken.Expected, broken.Found);
        }
        else
        {
            LogIntact(report.CheckedCount, report.FromSequence, report.LastSequence);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit chain broken ({Kind}) at event {EventId}, sequence {Sequence}: expected {Expected}, found {Found}")]
    private partial void LogBroken(AuditChainBreakKind kind, long? eventId, long? sequence, string expected, string found);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit chain intact: {Count} events checked from sequence {From} to {Last}")]
    private partial void LogIntact(long count, long from, long last);
}
