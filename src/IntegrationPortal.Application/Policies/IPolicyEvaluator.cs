using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Application.Policies;

/// <summary>
/// The one evaluator of IT's policies (tool status, field policies, item scope policies). It runs
/// when a request is submitted, when a flow is saved and before every sync run, and states each
/// violation as a sentence a business user understands.
/// </summary>
public interface IPolicyEvaluator
{
    Task<PolicyVerdict> EvaluateAsync(PolicySubject subject, CancellationToken cancellationToken);
}

/// <summary>
/// What is checked: a flow (containers and exact field keys known) or a request (only the tools and
/// the field names the requester typed, with null containers and <see cref="PolicyFieldUse.FieldA"/>
/// equal to <see cref="PolicyFieldUse.FieldB"/>).
/// </summary>
public sealed record PolicySubject(
    string ToolA,
    string ToolB,
    string? ContainerA,
    string? ContainerB,
    IReadOnlyList<PolicyFieldUse> Fields,
    ItemScope? Scope);

/// <summary>A field of side A synced with a field of side B in the given direction.</summary>
public sealed record PolicyFieldUse(string FieldA, string FieldB, SyncDirection Direction);

/// <summary>
/// One rule that the subject breaks. <see cref="Field"/> names the field of the subject at fault
/// (such as "Mappings[2]" or "ToolA") so a form can show the message next to it.
/// </summary>
public sealed record PolicyViolation(string Message, string? Field = null);

public sealed record PolicyVerdict(IReadOnlyList<PolicyViolation> Violations)
{
    public static PolicyVerdict Allowed { get; } = new([]);

    public bool IsAllowed => Violations.Count == 0;
}
