using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Policies;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Flows.Policy;

/// <summary>
/// Checks whether the current policies still allow a flow, before each run and when a flow is
/// activated or resumed. Both tools must be approved in the catalog, and both connections usable
/// and not revoked. The tools' field and item scope policies must allow the flow's containers,
/// mappings and item filter, and a flow built from a template must fit its current version.
/// </summary>
public sealed class FlowPolicyCheck(
    IPortalDbContext db,
    IConnectorFactory connectors,
    PolicyEvaluator evaluator,
    Templates.FlowTemplateGuard templates)
{
    /// <summary>Returns every rule the flow breaks, or an allowed result.</summary>
    public async Task<FlowPolicyResult> CheckAsync(Flow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);

        var violations = new List<string>();
        await CheckConnectionAsync(flow.ConnectionAId, "side A", violations, cancellationToken);
        await CheckConnectionAsync(flow.ConnectionBId, "side B", violations, cancellationToken);

        // The field and scope rules are judged only once the tools and connections are usable, so a
        // blocked tool is reported once, by the connection check above.
        if (violations.Count == 0 && await evaluator.SubjectOfAsync(flow, cancellationToken) is { } subject)
        {
            var verdict = evaluator.Evaluate(await PolicySnapshot.LoadAsync(db, [subject.ToolA, subject.ToolB], cancellationToken), subject);
            violations.AddRange(verdict.Violations.Select(v => v.Message));
        }

        // A flow built from a template must fit the template's current version, so a flow that a
        // template change paused resumes only once it fits again.
        if (await templates.FindReasonOutsideAsync(flow, cancellationToken) is { } outside)
        {
            violations.Add($"{outside} Change the flow to fit, or ask IT to widen the template.");
        }

        return new FlowPolicyResult(violations);
    }

    private async Task CheckConnectionAsync(Guid connectionId, string side, List<string> violations, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking()
            .Where(c => c.Id == connectionId)
            .Select(c => new { c.Name, c.ToolKey, c.RevokedAt, c.RevokeReason })
            .SingleOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            violations.Add($"The connection of {side} no longer exists; an IT admin must choose another connection.");
            return;
        }

        if (connection.RevokedAt is not null)
        {
            violations.Add($"Connection '{connection.Name}' ({side}) was revoked: {connection.RevokeReason} The flow needs a new connection from IT.");
            return;
        }

        if (!connectors.Supports(connection.ToolKey))
        {
            violations.Add($"Connection '{connection.Name}' ({side}) uses tool '{connection.ToolKey}', which this portal has no connector for.");
            return;
        }

        var tool = await db.Tools.AsNoTracking()
            .Where(t => t.Key == connection.ToolKey)
            .Select(t => new { t.Name, t.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (tool is null)
        {
            violations.Add($"Tool '{connection.ToolKey}' of connection '{connection.Name}' ({side}) is not in the catalog.");
        }
        else if (tool.Status != ToolStatus.Approved)
        {
            violations.Add($"{tool.Name} (connection '{connection.Name}', {side}) is {Describe(tool.Status)} in the catalog; an IT admin must approve it before the flow can run.");
        }
    }

    private static string Describe(ToolStatus status) => status switch
    {
        ToolStatus.Blocked => "blocked",
        ToolStatus.UnderReview => "under review",
        _ => status.ToString(),
    };
}

/// <summary>The outcome of <see cref="FlowPolicyCheck.CheckAsync"/>: the rules a flow breaks, if any.</summary>
public sealed record FlowPolicyResult(IReadOnlyList<string> Violations)
{
    public bool IsAllowed => Violations.Count == 0;

    /// <summary>The violations as one pause reason, cut to the length a flow stores.</summary>
    public string Reason
    {
        get
        {
            var text = string.Join(" ", Violations);
            return text.Length <= Flow.MaxPauseReasonLength ? text : string.Concat(text.AsSpan(0, Flow.MaxPauseReasonLength - 1), "…");
        }
    }
}
