using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Policies;

/// <summary>
/// Judges requests and flows against the stored catalog and policies with <see cref="PolicyRules"/>.
/// A request names fields as the requester typed them, so they are matched to the tool's field keys
/// and display names, ignoring case. A typed name that matches no field is judged by the default access.
/// </summary>
public sealed class PolicyEvaluator(IPortalDbContext db, IConnectorFactory connectors) : IPolicyEvaluator
{
    public async Task<PolicyVerdict> EvaluateAsync(PolicySubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);

        var snapshot = await PolicySnapshot.LoadAsync(db, [subject.ToolA, subject.ToolB], cancellationToken);
        return Evaluate(snapshot, subject);
    }

    /// <summary>Judges the subject against an already loaded snapshot, such as one holding a proposed policy.</summary>
    public PolicyVerdict Evaluate(PolicySnapshot snapshot, PolicySubject subject)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(subject);

        var isRequest = subject.ContainerA is null && subject.ContainerB is null;
        var sideA = SideOf(snapshot, subject.ToolA, subject.ContainerA, ScopeSide.A, subject.Scope);
        var sideB = SideOf(snapshot, subject.ToolB, subject.ContainerB, ScopeSide.B, subject.Scope);
        var mappings = subject.Fields
            .Select((field, index) => isRequest
                ? new PolicyMapping(FieldKey(subject.ToolA, field.FieldA), FieldKey(subject.ToolB, field.FieldB), field.Direction, "Fields")
                : new PolicyMapping(field.FieldA, field.FieldB, field.Direction, $"Mappings[{index}]"))
            .ToList();
        var findings = PolicyRules.Evaluate(sideA, sideB, mappings, subject.Scope);
        return findings.Count == 0
            ? PolicyVerdict.Allowed
            : new PolicyVerdict([.. findings.Select(f => new PolicyViolation(f.Message, f.Subject))]);
    }

    /// <summary>Returns the flow as a subject, or null when one of its connections no longer exists.</summary>
    public async Task<PolicySubject?> SubjectOfAsync(Flow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);

        var tools = await db.Connections.AsNoTracking()
            .Where(c => c.Id == flow.ConnectionAId || c.Id == flow.ConnectionBId)
            .ToDictionaryAsync(c => c.Id, c => c.ToolKey, cancellationToken);
        if (!tools.TryGetValue(flow.ConnectionAId, out var toolA) || !tools.TryGetValue(flow.ConnectionBId, out var toolB))
        {
            return null;
        }

        return SubjectOf(flow, toolA, toolB);
    }

    public static PolicySubject SubjectOf(Flow flow, string toolA, string toolB)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new PolicySubject(
            toolA,
            toolB,
            flow.ContainerA,
            flow.ContainerB,
            [.. flow.Mappings.Select(m => new PolicyFieldUse(m.FieldA, m.FieldB, m.Direction))],
            flow.Scope);
    }

    /// <summary>
    /// Returns the flow's mappings cut down to what the field policies allow now: a mapping loses a
    /// direction the policies block, and is left out when no direction remains. A run passes only
    /// these to the engine, so no value crosses a blocked field even when a run starts after a change.
    /// </summary>
    public IReadOnlyList<FieldMapping> AllowedMappings(PolicySnapshot snapshot, Flow flow, string toolA, string toolB)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(flow);

        var sideA = SideOf(snapshot, toolA, flow.ContainerA, ScopeSide.A, flow.Scope);
        var sideB = SideOf(snapshot, toolB, flow.ContainerB, ScopeSide.B, flow.Scope);
        var allowed = new List<FieldMapping>(flow.Mappings.Count);
        foreach (var mapping in flow.Mappings)
        {
            var direction = PolicyRules.AllowedDirection(sideA, sideB, new PolicyMapping(mapping.FieldA, mapping.FieldB, mapping.Direction, string.Empty));
            if (direction is { } kept)
            {
                // A one-way mapping has no conflicts, so a rule for them must go with the lost direction.
                allowed.Add(kept == mapping.Direction ? mapping : mapping with { Direction = kept, ConflictRule = null });
            }
        }

        return allowed;
    }

    private PolicySide SideOf(PolicySnapshot snapshot, string toolKey, string? container, ScopeSide side, ItemScope? scope)
    {
        var tool = snapshot.ToolOf(toolKey);
        var policy = snapshot.PolicyOf(toolKey);
        var fields = connectors.Supports(toolKey) ? connectors.FieldsOf(toolKey) : [];
        return new PolicySide(
            toolKey,
            tool?.Name ?? toolKey,
            tool?.Status,
            tool?.Reason,
            policy,
            container,
            ToolItemTypes.TouchedBy(toolKey, side, scope, policy),
            fields.ToDictionary(f => f.Key, f => f.DisplayName, StringComparer.OrdinalIgnoreCase),
            [.. fields.Where(f => f.Kind == FieldKind.Labels).Select(f => f.Key)],
            ToolItemTypes.ContainerNoun(toolKey));
    }

    private string FieldKey(string toolKey, string typed)
    {
        var name = typed.Trim();
        if (!connectors.Supports(toolKey))
        {
            return name;
        }

        var match = connectors.FieldsOf(toolKey).FirstOrDefault(f =>
            string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(f.DisplayName, name, StringComparison.OrdinalIgnoreCase));
        return match?.Key ?? name;
    }
}
