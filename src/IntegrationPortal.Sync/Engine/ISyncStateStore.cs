using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Sync.Engine;

/// <summary>
/// Where the engine keeps a flow's links and cursors. Every call is durable when it returns, so a
/// worker killed between two calls resumes from the last saved item.
/// </summary>
public interface ISyncStateStore
{
    Task<IReadOnlyList<ItemLink>> LoadLinksAsync(Guid flowId, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or updates a link, and records the field changes that were written for it and the
    /// conflicts found on it in the same transaction.
    /// </summary>
    Task SaveLinkAsync(
        ItemLink link,
        IReadOnlyList<FieldChange> changes,
        IReadOnlyList<FieldConflict> conflicts,
        CancellationToken cancellationToken);

    Task SaveCursorsAsync(Guid flowId, DateTimeOffset? cursorA, DateTimeOffset? cursorB, CancellationToken cancellationToken);
}
