using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

/// <summary>
/// The items read from one side in a run, de-duplicated by id. When a tool returns an item twice
/// (overlapping pages or windows), the copy with the later update time is kept.
/// </summary>
internal sealed class SideItems
{
    private readonly Dictionary<string, SyncItem> _byId = new(StringComparer.Ordinal);

    /// <param name="read">The items as the connector returned them.</param>
    /// <param name="isComplete">
    /// True when the read had no lower time bound, so an item of the container that is missing
    /// from it no longer exists (or is hidden from the connection).
    /// </param>
    public SideItems(IEnumerable<SyncItem> read, bool isComplete = false)
    {
        IsComplete = isComplete;
        foreach (var item in read)
        {
            if (!_byId.TryGetValue(item.Id, out var seen) || item.UpdatedAt > seen.UpdatedAt)
            {
                _byId[item.Id] = item;
            }
        }
    }

    public int Count => _byId.Count;

    public bool IsComplete { get; }

    /// <summary>
    /// The items oldest first, and items with the same update time by id in ordinal order. A failed
    /// item keeps its side's cursor at its own update time, so the next run reads it again together
    /// with every item of that second, whatever their ids.
    /// </summary>
    public IEnumerable<SyncItem> Items => _byId.Values
        .OrderBy(item => item.UpdatedAt)
        .ThenBy(item => item.Id, StringComparer.Ordinal);

    public DateTimeOffset? MaxUpdatedAt => _byId.Count == 0 ? null : _byId.Values.Max(item => item.UpdatedAt);

    public SyncItem? Find(string itemId) => _byId.GetValueOrDefault(itemId);

    public bool Contains(string itemId) => _byId.ContainsKey(itemId);
}
