namespace IntegrationPortal.Domain.Policies;

/// <summary>
/// Which items of a tool flows may touch. <see cref="AllowedContainers"/> lists the projects or
/// repositories flows may use (empty allows all). <see cref="Required"/>, when set, is a condition
/// every synced item must meet, so a flow must filter its items by exactly that condition.
/// <see cref="Excluded"/> lists conditions that keep an item out of every flow, such as a
/// "security" label.
/// </summary>
public sealed record ItemScopePolicy(
    IReadOnlyList<string> AllowedContainers,
    ScopeRule? Required,
    IReadOnlyList<ScopeRule> Excluded)
{
    public const int MaxEntries = 100;
    public const int MaxContainerLength = 200;

    /// <summary>No limit on containers or items.</summary>
    public static ItemScopePolicy Unrestricted { get; } = new([], null, []);

    public bool IsUnrestricted => AllowedContainers.Count == 0 && Required is null && Excluded.Count == 0;

    /// <summary>Returns true when flows may use the container; an empty list allows every container.</summary>
    public bool AllowsContainer(string container) =>
        AllowedContainers.Count == 0
        || AllowedContainers.Any(c => string.Equals(c.Trim(), container.Trim(), StringComparison.OrdinalIgnoreCase));
}
