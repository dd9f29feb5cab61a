using Hangfire;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Infrastructure.Identity;

namespace IntegrationPortal.Infrastructure.Jobs;

/// <summary>
/// The Hangfire job that runs a flow. Hangfire delivers each job at least once, which is safe
/// because a run merges against the saved base and writes nothing that is already there.
/// Failures escape so that Hangfire records and retries them.
/// </summary>
public sealed class FlowSyncJob(FlowRunner runner, CurrentUser currentUser)
{
    // One run per flow at a time comes from the flow's lease in FlowRunner; Hangfire's own
    // concurrency lock is per method, so it would serialize every flow of the portal.
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(Guid flowId, string trigger, CancellationToken cancellationToken)
    {
        currentUser.SetSystem();
        await runner.RunAsync(flowId, trigger, cancellationToken);
    }
}
