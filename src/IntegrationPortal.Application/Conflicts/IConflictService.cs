using IntegrationPortal.Domain.Conflicts;
using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Application.Conflicts;

/// <summary>The conflict queue: conflicts that runs found, waiting for a person to confirm or change the rule's choice.</summary>
public interface IConflictService
{
    /// <summary>Lists the open conflicts of a flow, newest first, for its owner, IT admins and auditors.</summary>
    Task<IReadOnlyList<ConflictDto>> ListOpenAsync(Guid flowId, CancellationToken cancellationToken);

    /// <summary>Counts the open conflicts of every flow the user may see; flows without any are left out.</summary>
    Task<IReadOnlyDictionary<Guid, int>> CountOpenByFlowAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the chosen value to both items, moves the link's bases so the next run finds no change,
    /// and closes the conflict. Only the flow's owner or an IT admin may resolve, and not while a run
    /// of the flow holds its lease.
    /// </summary>
    Task ResolveAsync(ResolveConflictCommand command, CancellationToken cancellationToken);
}

/// <summary>
/// An open conflict as the queue shows it. <see cref="ValueChoices"/> lists the values a person may
/// type, in side A's terms, or is empty when any text is allowed.
/// </summary>
public sealed record ConflictDto(
    Guid Id,
    Guid FlowId,
    Guid RunId,
    string ItemIdA,
    string ItemIdB,
    string FieldA,
    string FieldB,
    string? ValueA,
    string? ValueB,
    string? AuthorA,
    string? AuthorB,
    DateTimeOffset ChangedAtA,
    DateTimeOffset ChangedAtB,
    ConflictRule Rule,
    string KeptSide,
    DateTimeOffset DetectedAt,
    IReadOnlyList<string> ValueChoices,
    bool CanResolve);

/// <summary>A person's choice for one conflict; mutable so a form can bind to it.</summary>
public sealed class ResolveConflictCommand
{
    public Guid ConflictId { get; set; }

    public ConflictResolution Resolution { get; set; }

    /// <summary>The typed value, in side A's terms; used only with <see cref="ConflictResolution.Custom"/>.</summary>
    public string? Value { get; set; }
}
