using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows.Policy;
using IntegrationPortal.Application.Flows.Runs;
using IntegrationPortal.Application.Policies;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Application.Flows;

/// <summary>
/// Runs one flow once: takes the flow's lease and keeps it renewed, checks the flow's policies,
/// runs the sync engine with the flow's connections and records the run with its counts. A
/// trigger that finds the lease held is coalesced into one follow-up run after the current one.
/// Called by the job system, at least once per trigger.
/// </summary>
public sealed class FlowRunner(
    IPortalDbContext db,
    IFlowLease lease,
    IServiceScopeFactory scopes,
    IConnectorFactory connectors,
    ISecretProtector protector,
    SyncEngine engine,
    FlowPolicyEnforcer policy,
    PolicyRunGuard policyGuard,
    ISyncScheduler scheduler,
    IAuditLog audit,
    IFieldClassification classification,
    TimeProvider time,
    ILogger<FlowRunner> logger)
{
    /// <summary>
    /// How long a lease lasts without renewal. A running run renews it every third of this, so only
    /// a worker that stopped renewing (killed, or cut off from the database) loses it.
    /// </summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(30);

    // A trigger retries taking the lease this many times when the run holding it ends between its
    // attempt to take the lease and its follow-up request.
    private const int MaxAcquireAttempts = 3;

    /// <summary>
    /// Returns the run, or null when the flow is not active, was paused by its policies, or another
    /// worker is running it. In the last case the trigger is recorded as a follow-up request.
    /// </summary>
    public async Task<SyncRun?> RunAsync(Guid flowId, string trigger, CancellationToken cancellationToken)
    {
        var holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        if (!await AcquireOrRequestFollowUpAsync(flowId, holder, trigger, cancellationToken))
        {
            return null;
        }

        SyncRun? run = null;
        try
        {
            await using var keeper = FlowLeaseKeeper.Start(flowId, RenewLeaseAsync(flowId, holder), LeaseDuration, time, logger);
            run = await RunLeasedAsync(flowId, trigger, keeper, cancellationToken);
            return run;
        }
        finally
        {
            var followUpRequested = await lease.ReleaseAsync(flowId, holder, CancellationToken.None);
            ScheduleFollowUp(flowId, run, followUpRequested);
        }
    }

    private async Task<bool> AcquireOrRequestFollowUpAsync(Guid flowId, string holder, string trigger, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAcquireAttempts; attempt++)
        {
            if (await lease.TryAcquireAsync(flowId, holder, LeaseDuration, cancellationToken))
            {
                return true;
            }

            if (await lease.RequestFollowUpAsync(flowId, cancellationToken))
            {
                logger.LogInformation("Flow {FlowId} is running elsewhere; this {Trigger} trigger becomes one follow-up run", flowId, trigger);
                return false;
            }
        }

        logger.LogWarning("Flow {FlowId} changed hands {Attempts} times while a {Trigger} trigger tried to run it; the trigger is dropped", flowId, MaxAcquireAttempts, trigger);
        return false;
    }

    // Renewals use a scope of their own, because the run's database context is busy with the engine.
    private Func<CancellationToken, Task<bool>> RenewLeaseAsync(Guid flowId, string holder) => async cancellationToken =>
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IFlowLease>().RenewAsync(flowId, holder, LeaseDuration, cancellationToken);
    };

    // A skipped run (flow not active or paused by policy) needs no follow-up: its triggers had nothing to run.
    private void ScheduleFollowUp(Guid flowId, SyncRun? run, bool followUpRequested)
    {
        if (run is { Status: SyncRunStatus.Throttled, RetryAt: { } retryAt })
        {
            logger.LogInformation("Run {RunId} of flow {FlowId} was throttled; a follow-up run starts at {RetryAt:O}", run.Id, flowId, retryAt);
            scheduler.EnqueueFollowUp(flowId, retryAt);
        }
        else if (followUpRequested && run is not null)
        {
            logger.LogInformation("Triggers arrived during the run of flow {FlowId}; one follow-up run is queued", flowId);
            scheduler.EnqueueFollowUp(flowId, time.GetUtcNow());
        }
    }

    private async Task<SyncRun?> RunLeasedAsync(Guid flowId, string trigger, FlowLeaseKeeper keeper, CancellationToken cancellationToken)
    {
        var flow = await db.Flows.SingleOrDefaultAsync(f => f.Id == flowId, cancellationToken);
        if (flow is null || flow.Status != FlowStatus.Active)
        {
            logger.LogInformation("Flow {FlowId} is not active; the {Trigger} run is skipped", flowId, trigger);
            return null;
        }

        if (!await policy.EnforceAsync(flow, cancellationToken))
        {
            return null;
        }

        await CloseAbandonedRunsAsync(flowId, cancellationToken);
        var run = new SyncRun(Guid.NewGuid(), flow.Id, flow.Version, trigger, time.GetUtcNow());
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Run {RunId} of flow {FlowId} started ({Trigger})", run.Id, flow.Id, trigger);

        await ExecuteAsync(flow, run, keeper, cancellationToken);
        RecordFinished(flow, run);
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation(
            "Run {RunId} of flow {FlowId} finished {Status}: {Read} read, {Created} created, {Updated} updated, {Conflicts} conflicts, {Failed} failed",
            run.Id,
            flow.Id,
            run.Status,
            run.ItemsRead,
            run.ItemsCreated,
            run.ItemsUpdated,
            run.Conflicts,
            run.ItemsFailed);
        return run;
    }

    private async Task ExecuteAsync(Flow flow, SyncRun run, FlowLeaseKeeper keeper, CancellationToken cancellationToken)
    {
        var store = new FlowStateStore(db, audit, classification, flow, run, time);
        var probes = new List<ConnectionHealthProbe>(2);
        try
        {
            var request = await BuildRequestAsync(flow, probes, cancellationToken);
            var result = await engine.RunAsync(request, store, keeper.Progress, cancellationToken);
            Record(run, result);
            run.Finish(time.GetUtcNow(), result.Errors.Count > 0 ? string.Join(Environment.NewLine, result.Errors) : null);
        }
        catch (ConnectorThrottledException ex)
        {
            // Items done before the limit are saved; cursors are not, so the follow-up reads them again.
            logger.LogWarning("Run {RunId} of flow {FlowId} was throttled until {RetryAt:O}: {Message}", run.Id, flow.Id, ex.RetryAt, ex.Message);
            var progress = keeper.LastProgress;
            run.ItemsRead = progress?.ItemsTotal ?? 0;
            var done = progress is null ? "No item was processed" : $"{progress.ItemsDone} of {progress.ItemsTotal} items were processed";
            run.FinishThrottled(time.GetUtcNow(), ex.RetryAt, $"{done} before the rate limit. {ex.Message}");
        }
        catch (FlowLeaseLostException ex)
        {
            logger.LogWarning(ex, "Run {RunId} of flow {FlowId} stopped because it lost its lease", run.Id, flow.Id);
            run.Finish(time.GetUtcNow(), ex.Message);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogError(ex, "Run {RunId} of flow {FlowId} failed", run.Id, flow.Id);
            run.Finish(time.GetUtcNow(), ex.Message);
        }
        finally
        {
            RecordHealth(probes);
        }
    }

    // The connections were read without tracking for the engine, so one instance per connection is
    // attached here to save its health. A flow may use one connection on both sides.
    private void RecordHealth(List<ConnectionHealthProbe> probes)
    {
        var now = time.GetUtcNow();
        foreach (var sameConnection in probes.GroupBy(p => p.Connection.Id))
        {
            var failure = sameConnection.Select(p => p.Failure).LastOrDefault(f => f is not null);
            if (failure is null && !sameConnection.Any(p => p.Succeeded))
            {
                continue;
            }

            var connection = sameConnection.First().Connection;
            db.Connections.Attach(connection);
            if (failure is not null)
            {
                connection.RecordError(failure, now);
            }
            else
            {
                connection.RecordSuccess(now);
            }
        }
    }

    private void RecordFinished(Flow flow, SyncRun run) =>
        audit.Record(AuditActions.FlowRunFinished, "flow", flow.Id.ToString(), new
        {
            RunId = run.Id,
            run.Trigger,
            Status = run.Status.ToString(),
            run.ItemsRead,
            run.ItemsCreated,
            run.ItemsUpdated,
            run.Conflicts,
            run.ItemsFailed,
            run.RetryAt,
            run.Error,
        });

    private async Task CloseAbandonedRunsAsync(Guid flowId, CancellationToken cancellationToken)
    {
        var abandoned = await db.SyncRuns.Where(r => r.FlowId == flowId && r.Status == SyncRunStatus.Running).ToListAsync(cancellationToken);
        foreach (var run in abandoned)
        {
            run.Finish(time.GetUtcNow(), "The worker stopped before this run finished; the next run resumed from the last saved item.");
        }
    }

    private async Task<FlowSyncRequest> BuildRequestAsync(Flow flow, List<ConnectionHealthProbe> probes, CancellationToken cancellationToken)
    {
        var connectionA = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == flow.ConnectionAId, cancellationToken);
        var connectionB = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == flow.ConnectionBId, cancellationToken);
        var probeA = new ConnectionHealthProbe(connectionA, connectors.CreateFor(connectionA, protector));
        var probeB = new ConnectionHealthProbe(connectionB, connectors.CreateFor(connectionB, protector));
        probes.Add(probeA);
        probes.Add(probeB);

        var request = new FlowSyncRequest(
            flow.Id,
            new SyncSide(probeA, flow.ContainerA, flow.CursorA),
            new SyncSide(probeB, flow.ContainerB, flow.CursorB),
            flow.Mappings,
            flow.ConflictRule,
            flow.DeleteRule,
            flow.Scope);
        return await policyGuard.ApplyAsync(flow, connectionA.ToolKey, connectionB.ToolKey, request, cancellationToken);
    }

    private static void Record(SyncRun run, SyncRunResult result)
    {
        run.ItemsRead = result.ItemsRead;
        run.ItemsCreated = result.ItemsCreated;
        run.ItemsUpdated = result.ItemsUpdated;
        run.Conflicts = result.Conflicts;
        run.ItemsFailed = result.ItemsFailed;
        run.RecordWarnings(result.Warnings);
    }
}
