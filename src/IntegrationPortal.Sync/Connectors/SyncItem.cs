namespace IntegrationPortal.Sync.Connectors;

/// <summary>
/// One work item as read from a tool: its id, its update time in UTC, and the canonical value of
/// every field in <see cref="IConnector.Fields"/> keyed by field key (null when empty).
/// </summary>
public sealed record SyncItem(string Id, DateTimeOffset UpdatedAt, IReadOnlyDictionary<string, string?> Fields, string? WebUrl = null);
