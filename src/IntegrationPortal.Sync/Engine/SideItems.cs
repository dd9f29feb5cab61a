using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

/// <summary>
/// The items read from one side in a run, de-duplicated by id. When a tool returns an item twice
/// (overlapping pages or windows), the copy with the later update time is kept.
/// </summary>
internal sealed class SideItems
{
    private readonly Dictionary<string, SyncItem> _byId = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public SideItems(IEnumerable<SyncItem> read)
    {
        foreach (var item in read)
        {
            if (!_byId.TryGetValue(item.Id, out var seen))
            {
                _order.Add(item.Id);
                _byId[item.Id] = item;
            }
            else if (item.UpdatedAt > seen.UpdatedAt)
            {
                _byId[item.Id] = item;
            }
        }
    }

    public int Count => _order.Count;

    /// <summary>The items in the order the tool returned them first.</summary>
    public IEnumerable<SyncItem> Items => _order.Select(id => _byId[id]);

    public DateTimeOffset? MaxUpdatedAt => _byId.Count == 0 ? null : _byId.Values.Max(item => item.UpdatedAt);

    public SyncItem? Find(string itemId) => _byId.GetValueOrDefault(itemId);
}
