namespace IntegrationPortal.Sync.Connectors;

/// <summary>
/// A client for one tool, bound to one connection's base URL and secret. Implementations are
/// real HTTP clients. Every method throws <see cref="ConnectorException"/> for a tool response
/// that the caller can act on (bad credentials, not found, invalid value).
/// </summary>
public interface IConnector
{
    /// <summary>The fields this tool offers for mapping, with their canonical value kinds.</summary>
    IReadOnlyList<FieldDescriptor> Fields { get; }

    /// <summary>Checks that the base URL responds and the secret is accepted, without changing anything.</summary>
    Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken);

    /// <summary>Lists the containers (projects, repositories) that the credential can see.</summary>
    Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads every item of the container updated at or after <paramref name="since"/>, or every
    /// item when it is null, following all pages. The result may include items from before
    /// <paramref name="since"/> because tools round times, so callers must not assume otherwise.
    /// </summary>
    Task<IReadOnlyList<SyncItem>> ReadChangedAsync(string container, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>Reads one item, or returns null when the tool reports that it does not exist.</summary>
    Task<SyncItem?> GetAsync(string container, string itemId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates an item with the given canonical field values and returns it as stored. A non-null
    /// <paramref name="createToken"/> is stored on the item where no synced field carries it, so
    /// <see cref="FindByCreateTokenAsync"/> can find the item after a create whose response was lost.
    /// </summary>
    Task<SyncItem> CreateAsync(
        string container,
        IReadOnlyDictionary<string, string?> fields,
        string? createToken,
        CancellationToken cancellationToken);

    /// <summary>
    /// Finds the item that <see cref="CreateAsync"/> stored with <paramref name="createToken"/>, looking
    /// only at items the tool created at or after <paramref name="createdAfter"/>, or returns null when
    /// there is none. Throws <see cref="ConnectorException"/> when the search could not be completed, so
    /// a caller never reads a failed search as "not created".
    /// </summary>
    Task<SyncItem?> FindByCreateTokenAsync(
        string container,
        string createToken,
        DateTimeOffset createdAfter,
        CancellationToken cancellationToken);

    /// <summary>
    /// Writes only the given fields of an item, leaving every other field untouched. When
    /// <paramref name="expectedVersion"/> is not null, the write must happen only if the item is still
    /// at that <see cref="SyncItem.Version"/>; otherwise the connector throws a
    /// <see cref="ConnectorException"/> with status 412. Null writes unconditionally.
    /// </summary>
    Task UpdateAsync(
        string container,
        string itemId,
        IReadOnlyDictionary<string, string?> fields,
        string? expectedVersion,
        CancellationToken cancellationToken);

    /// <summary>
    /// Closes an item, or deletes it where the tool has no closed state, because its counterpart was
    /// deleted and the flow mirrors deletes. An item that no longer exists is not an error. A tool
    /// that can do neither throws a <see cref="ConnectorException"/> stating that.
    /// </summary>
    Task CloseAsync(string container, string itemId, CancellationToken cancellationToken);
}
