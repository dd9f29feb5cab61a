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
