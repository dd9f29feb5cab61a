using Hangfire;
using IntegrationPortal.Application.Audit.Chain;
using IntegrationPortal.Infrastructure.Audit;
using Microsoft.Extensions.Options;

namespace IntegrationPortal.Infrastructure.Jobs;

/// <summary>
/// The recurring audit jobs. Verification records its outcome as an audit event and logs a
/// warning when the chain is broken. It does not throw then, because a retry would find the
/// same break. Pruning throws on a broken chain, so Hangfire shows the failure.
/// </summary>
public sealed class AuditJobs(IAuditChainService chain, AuditPruner pruner)
{
    public const string VerifyJobId = "audit-verify";
    public const string PruneJobId = "audit-prune";

    [AutomaticRetry(Attempts = 1)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task VerifyAsync(CancellationToken cancellationToken) => await chain.VerifyScheduledAsync(cancellationToken);

    [AutomaticRetry(Attempts = 1)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task PruneAsync(CancellationToken cancellationToken) => await pruner.PruneAsync(cancellationToken);

    /// <summary>
    /// Adds or updates the recurring jobs from the "Audit" settings, and removes the pruning job
    /// when retention is off.
    /// </summary>
    public static void Schedule(IRecurringJobManager recurring, IOptions<AuditOptions> options)
    {
        var settings = options.Value;
        recurring.AddOrUpdate<AuditJobs>(VerifyJobId, job => job.VerifyAsync(CancellationToken.None), settings.VerifyCron);
        if (settings.RetentionDays is null)
        {
            recurring.RemoveIfExists(PruneJobId);
            return;
        }

        recurring.AddOrUpdate<AuditJobs>(PruneJobId, job => job.PruneAsync(CancellationToken.None), settings.PruneCron);
    }
}
