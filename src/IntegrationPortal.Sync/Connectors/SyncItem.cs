namespace IntegrationPortal.Sync.Connectors;

/// <summary>
/// One work item as read from a tool: its id, its update time in UTC, and the canonical value of
/// every field in <see cref="IConnector.Fields"/> keyed by field key (null when empty).
/// <see cref="UpdatedBy"/> is the person who made the latest edit, or null where the tool does not
/// return it with the item. <see cref="Version"/> is the tool's revision or ETag for conditional
/// writes, or null where the tool offers none.
/// </summary>
public sealed record SyncItem(
    string Id,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, string?> Fields,
    string? WebUrl = null,
    string? UpdatedBy = null,
    string? Version = null)
{
    /// <summary>
    /// The create token that <see cref="IConnector.CreateAsync"/> stored on the item, while the tool
    /// still has it, or null. It is never part of <see cref="Fields"/>.
    /// </summary>
    public string? CreateToken { get; init; }
}
