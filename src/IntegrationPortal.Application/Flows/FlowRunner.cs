using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Application.Flows;

/// <summary>
/// Runs one flow once: takes the flow's lease, runs the sync engine with the flow's connections
/// and records the run with its counts. Called by the job system, at least once per trigger.
/// </summary>
public sealed class FlowRunner(
    IPortalDbContext db,
    IFlowLease lease,
    IConnectorFactory connectors,
    ISecretProtector protector,
    SyncEngine engine,
    IAuditLog audit,
    TimeProvider time,
    ILogger<FlowRunner> logger)
{
    /// <summary>
    /// How long a lease lasts without release. NOTE: the lease is not renewed during a run, so a
    /// run longer than this may overlap with the next one.
    /// </summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(30);

    /// <summary>Returns the run, or null when the flow is not active or another worker is running it.</summary>
    public async Task<SyncRun?> RunAsync(Guid flowId, string trigger, CancellationToken cancellationToken)
    {
        var holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        if (!await lease.TryAcquireAsync(flowId, holder, LeaseDuration, cancellationToken))
        {
            logger.LogInformation("Flow {FlowId} is already running elsewhere; this {Trigger} run is skipped", flowId, trigger);
            return null;
        }

        try
        {
            return await RunLeasedAsync(flowId, trigger, cancellationToken);
        }
        finally
        {
            await lease.ReleaseAsync(flowId, holder, CancellationToken.None);
        }
    }

    private async Task<SyncRun?> RunLeasedAsync(Guid flowId, string trigger, CancellationToken cancellationToken)
    {
        var flow = await db.Flows.SingleOrDefaultAsync(f => f.Id == flowId, cancellationToken);
        if (flow is null || flow.Status != FlowStatus.Active)
        {
            logger.LogInformation("Flow {FlowId} is not active; the {Trigger} run is skipped", flowId, trigger);
            return null;
        }

        await CloseAbandonedRunsAsync(flowId, cancellationToken);
        var run = new SyncRun(Guid.NewGuid(), flow.Id, flow.Version, trigger, time.GetUtcNow());
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Run {RunId} of flow {FlowId} started ({Trigger})", run.Id, flow.Id, trigger);

        try
        {
            var request = await BuildRequestAsync(flow, cancellationToken);
            var store = new FlowStateStore(db, audit, flow, run, time);
            var result = await engine.RunAsync(request, store, progress: null, cancellationToken);
            Record(run, result);
            run.Finish(time.GetUtcNow(), result.Errors.Count > 0 ? string.Join(Environment.NewLine, result.Errors) : null);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogError(ex, "Run {RunId} of flow {FlowId} failed", run.Id, flow.Id);
            run.Finish(time.GetUtcNow(), ex.Message);
        }

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
            run.Error,
        });
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

    private async Task CloseAbandonedRunsAsync(Guid flowId, CancellationToken cancellationToken)
    {
        var abandoned = await db.SyncRuns.Where(r => r.FlowId == flowId && r.Status == SyncRunStatus.Running).ToListAsync(cancellationToken);
        foreach (var run in abandoned)
        {
            run.Finish(time.GetUtcNow(), "The worker stopped before this run finished; the next run resumed from the last saved item.");
        }
    }

    private async Task<FlowSyncRequest> BuildRequestAsync(Flow flow, CancellationToken cancellationToken)
    {
        var connectionA = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == flow.ConnectionAId, cancellationToken);
        var connectionB = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == flow.ConnectionBId, cancellationToken);
        return new FlowSyncRequest(
            flow.Id,
            new SyncSide(connectors.CreateFor(connectionA, protector), flow.ContainerA, flow.CursorA),
            new SyncSide(connectors.CreateFor(connectionB, protector), flow.ContainerB, flow.CursorB),
            flow.Mappings,
            flow.ConflictRule,
            flow.DeleteRule,
            flow.Scope);
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
