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
        var flows = await db.Flows
            .Where(f => f.Status == FlowStatus.Active
                && (connectionIds.Contains(f.ConnectionAId) || connectionIds.Contains(f.ConnectionBId)))
            .ToListAsync(cancellationToken);

        var paused = 0;
        foreach (var flow in flows)
        {
            if (!await EnforceAsync(flow, cancellationToken))
            {
                paused++;
            }
        }

        return paused;
    }
}
