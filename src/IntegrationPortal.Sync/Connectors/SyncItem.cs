namespace IntegrationPortal.Sync.Connectors;

/// <summary>
/// One work item as read from a tool: its id, its update time in UTC, and the canonical value of
/// every field in <see cref="IConnector.Fields"/> keyed by field key (null when empty).
/// </summary>
public sealed record SyncItem(string Id, DateTimeOffset UpdatedAt, IReadOnlyDictionary<string, string?> Fields, string? WebUrl = null)
{
    /// <summary>
    /// The create token that <see cref="IConnector.CreateAsync"/> stored on the item, while the tool
    /// still has it, or null. It is never part of <see cref="Fields"/>.
    /// </summary>
    public string? CreateToken { get; init; }
}
