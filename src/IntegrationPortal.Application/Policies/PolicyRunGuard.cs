using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Sync.Engine;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Application.Policies;

/// <summary>
/// The second guard of a run, after the policy check that pauses a violating flow. It hands the
/// engine only the mapping directions the field policies allow now, and connectors that skip changed
/// items outside IT's item scope, so no value crosses a blocked field even when a run starts after a change.
/// </summary>
public sealed class PolicyRunGuard(IPortalDbContext db, PolicyEvaluator evaluator, ILogger<PolicyRunGuard> logger)
{
    public async Task<FlowSyncRequest> ApplyAsync(
        Flow flow, string toolA, string toolB, FlowSyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(request);

        var snapshot = await PolicySnapshot.LoadAsync(db, [toolA, toolB], cancellationToken);
        var mappings = evaluator.AllowedMappings(snapshot, flow, toolA, toolB);
        if (mappings.Count != flow.Mappings.Count || !mappings.SequenceEqual(flow.Mappings))
        {
            logger.LogWarning(
                "Flow {FlowId} runs with {Allowed} of its {Total} mappings, or with fewer directions, because field policies block the rest",
                flow.Id,
                mappings.Count,
                flow.Mappings.Count);
        }

        return request with
        {
            Mappings = mappings,
            A = Scoped(request.A, snapshot.PolicyOf(toolA)),
            B = Scoped(request.B, snapshot.PolicyOf(toolB)),
        };
    }

    private static SyncSide Scoped(SyncSide side, ToolPolicy? policy) =>
        policy is null || (policy.Scope.Required is null && policy.Scope.Excluded.Count == 0)
            ? side
            : side with { Connector = new PolicyScopedConnector(side.Connector, policy.Scope) };
}
