using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Sync.Engine;

/// <summary>The counts and findings of one run, as shown on the flow page.</summary>
public sealed record SyncRunResult(
    int ItemsRead,
    int ItemsCreated,
    int ItemsUpdated,
    int Conflicts,
    int ItemsFailed,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Errors);

/// <summary>
/// One field value written to one side of a linked pair. <see cref="TargetSide"/> is "A" or "B";
/// values are canonical and may be null for an empty field.
/// </summary>
public sealed record FieldChange(string TargetSide, string ItemId, string Field, string? OldValue, string? NewValue, bool WasConflict);

/// <summary>
/// A mapped field that changed on both sides of a linked pair since the last sync. Values are
/// canonical; an author is null where the tool does not say who edited the item.
/// <see cref="WinningSide"/> is "A" or "B": the side whose value the conflict rule kept.
/// </summary>
public sealed record FieldConflict(
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
    string WinningSide);
