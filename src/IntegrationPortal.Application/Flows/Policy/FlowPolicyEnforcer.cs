using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Flows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Application.Flows.Policy;

/// <summary>
/// Pauses flows that the current policies no longer allow: the reason and time go on the flow,
/// a flow.paused audit event is recorded with them, and the flow's recurring runs stop.
/// </summary>
public sealed class FlowPolicyEnforcer(
    IPortalDbContext db,
    FlowPolicyCheck policy,
    ISyncScheduler scheduler,
    IAuditLog audit,
    TimeProvider time,
    ILogger<FlowPolicyEnforcer> logger)
{
    /// <summary>Returns true when the policies allow the flow. Otherwise it pauses the flow and returns false.</summary>
    public async Task<bool> EnforceAsync(Flow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);

        var check = await policy.CheckAsync(flow, cancellationToken);
        if (check.IsAllowed)
        {
            return true;
        }

        flow.Pause(check.Reason, time.GetUtcNow(), byPolicy: true);
        audit.Record(AuditActions.FlowPaused, "flow", flow.Id.ToString(), new { flow.Name, Reason = check.Reason, PausedBy = "policy" });
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Unschedule(flow.Id);
        logger.LogWarning("Flow {FlowId} was paused because its policies no longer allow it: {Reason}", flow.Id, check.Reason);
        return false;
    }

    /// <summary>
    /// Checks every active flow with a connection of the tool, and pauses those no longer allowed.
    /// Returns how many were paused. A run already under way finishes, and the next one is skipped.
    /// </summary>
    public async Task<int> EnforceForToolAsync(string toolKey, CancellationToken cancellationToken)
    {
        var connectionIds = await db.Connections
            .Where(c => c.ToolKey == toolKey)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        return await EnforceEachAsync(
            db.Flows.Where(f => f.Status == FlowStatus.Active
                && (connectionIds.Contains(f.ConnectionAId) || connectionIds.Contains(f.ConnectionBId))),
            cancellationToken);
    }

    /// <summary>Checks every active flow that uses the connection, and pauses those no longer allowed. Returns how many were paused.</summary>
    public async Task<int> EnforceForConnectionAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        return await EnforceEachAsync(
            db.Flows.Where(f => f.Status == FlowStatus.Active && (f.ConnectionAId == connectionId || f.ConnectionBId == connectionId)),
            cancellationToken);
    }

    private async Task<int> EnforceEachAsync(IQueryable<Flow> flows, CancellationToken cancellationToken)
    {
        var paused = 0;
        foreach (var flow in await flows.ToListAsync(cancellationToken))
        {
            if (!await EnforceAsync(flow, cancellationToken))
            {
                paused++;
            }
        }

        return paused;
    }

    /// <summary>
    /// Resumes the flows that the policy check paused and that the current policies allow again:
    /// each one is activated, audited as flow.resumed, scheduled again and queued for a run at once,
    /// so it catches up from its saved cursors. Flows that a person paused stay paused. Considers the
    /// given flows, or every flow the policy check paused when <paramref name="flowIds"/> is null,
    /// and returns the ids of those that resumed.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ResumeAllowedAsync(IEnumerable<Guid>? flowIds, CancellationToken cancellationToken)
    {
        var query = db.Flows.Where(f => f.Status == FlowStatus.Paused && f.PausedByPolicy);
        if (flowIds is not null)
        {
            var ids = flowIds.ToList();
            query = query.Where(f => ids.Contains(f.Id));
        }

        var resumed = new List<Guid>();
        foreach (var flow in await query.ToListAsync(cancellationToken))
        {
            var check = await policy.CheckAsync(flow, cancellationToken);
            if (!check.IsAllowed)
            {
                continue;
            }

            var pauseReason = flow.PauseReason;
            flow.Activate();
            audit.Record(AuditActions.FlowResumed, "flow", flow.Id.ToString(), new { flow.Name, PauseReason = pauseReason, ResumedBy = "policy", flow.ScheduleMinutes });
            await db.SaveChangesAsync(cancellationToken);
            scheduler.Schedule(flow.Id, flow.ScheduleMinutes);
            scheduler.Enqueue(flow.Id);
            logger.LogInformation("Flow {FlowId} resumed because its policies allow it again", flow.Id);
            resumed.Add(flow.Id);
        }

        return resumed;
    }

    /// <summary>Returns the ids of the flows with a connection of the tool, in any status.</summary>
    public async Task<List<Guid>> FlowIdsOfToolAsync(string toolKey, CancellationToken cancellationToken)
    {
        var connectionIds = await db.Connections.Where(c => c.ToolKey == toolKey).Select(c => c.Id).ToListAsync(cancellationToken);
        return await db.Flows
            .Where(f => connectionIds.Contains(f.ConnectionAId) || connectionIds.Contains(f.ConnectionBId))
            .Select(f => f.Id)
            .ToListAsync(cancellationToken);
    }
}
