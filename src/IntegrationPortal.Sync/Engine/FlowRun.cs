using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Sync.Engine;

/// <summary>
/// The state of one run of one flow: what was read, the links indexed by item id on each side,
/// which links were already handled, the tally and the cursor bounds of failed items.
/// </summary>
internal sealed class FlowRun
{
    private readonly Dictionary<string, ItemLink> _linksByA = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ItemLink> _linksByB = new(StringComparer.Ordinal);
    private readonly List<ItemLink> _links = [];
    private readonly HashSet<Guid> _handledLinks = [];
    private readonly Dictionary<Side, DateTimeOffset> _earliestFailure = [];
    private readonly Dictionary<string, FieldKind> _kindsA;
    private readonly Dictionary<string, FieldKind> _kindsB;
    private readonly IProgress<SyncProgress>? _progress;
    private int _itemsDone;

    public FlowRun(
        FlowSyncRequest request,
        ISyncStateStore store,
        SideItems itemsA,
        SideItems itemsB,
        IEnumerable<ItemLink> links,
        IProgress<SyncProgress>? progress)
    {
        Request = request;
        Store = store;
        ItemsA = itemsA;
        ItemsB = itemsB;
        _progress = progress;
        _kindsA = KindsByKey(request.A.Connector);
        _kindsB = KindsByKey(request.B.Connector);
        Tally.ItemsRead = itemsA.Count + itemsB.Count;

        foreach (var link in links)
        {
            AddLink(link);
        }
    }

    public FlowSyncRequest Request { get; }

    public ISyncStateStore Store { get; }

    public SideItems ItemsA { get; }

    public SideItems ItemsB { get; }

    public SyncRunTally Tally { get; } = new();

    public IReadOnlyList<ItemLink> Links => _links;

    public SyncSide SideOf(Side side) => side == Side.A ? Request.A : Request.B;

    public SideItems ItemsOn(Side side) => side == Side.A ? ItemsA : ItemsB;

    /// <summary>Returns the kind a connector declares for a field, or Text for a field it does not list.</summary>
    public FieldKind KindOf(Side side, string fieldKey)
    {
        var kinds = side == Side.A ? _kindsA : _kindsB;
        return kinds.GetValueOrDefault(fieldKey, FieldKind.Text);
    }

    public ItemLink? FindLink(Side side, string itemId)
    {
        var index = side == Side.A ? _linksByA : _linksByB;
        return index.GetValueOrDefault(itemId);
    }

    /// <summary>Adds a link to the index, or re-indexes it after one of its item ids was set.</summary>
    public void AddLink(ItemLink link)
    {
        if (!_links.Contains(link))
        {
            _links.Add(link);
        }

        if (link.ItemIdA is not null)
        {
            _linksByA[link.ItemIdA] = link;
        }

        if (link.ItemIdB is not null)
        {
            _linksByB[link.ItemIdB] = link;
        }
    }

    /// <summary>Marks a link as handled and returns false when it was already handled in this run.</summary>
    public bool TryBeginLink(ItemLink link) => _handledLinks.Add(link.Id);

    public bool WasHandled(ItemLink link) => _handledLinks.Contains(link.Id);

    /// <summary>
    /// Returns true when the flow may create a counterpart for the item: there is no scope, the
    /// scope filters the other side, or the item's scope field contains the scope's value.
    /// </summary>
    public bool IsInScope(Side side, SyncItem item)
    {
        var scope = Request.Scope;
        if (scope is null || (scope.Side == ScopeSide.A) != (side == Side.A))
        {
            return true;
        }

        var value = item.Fields.GetValueOrDefault(scope.Field);
        if (value is null)
        {
            return false;
        }

        var expected = scope.Value.Trim();
        if (KindOf(side, scope.Field) != FieldKind.Labels)
        {
            return string.Equals(value.Trim(), expected, StringComparison.OrdinalIgnoreCase);
        }

        return LabelSet.Split(value).Contains(expected, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Counts a failed item and keeps the cursor of its side at or before the item's update time,
    /// so the next run reads the item again.
    /// </summary>
    public void RecordFailure(Side side, SyncItem item, string message) => RecordFailure(side, item.Id, item.UpdatedAt, message);

    /// <summary>
    /// Counts a failed item given by id. Without an update time (the item was not read in this run)
    /// the side's cursor stays where it was.
    /// </summary>
    public void RecordFailure(Side side, string itemId, DateTimeOffset? updatedAt, string message)
    {
        Tally.ItemsFailed++;
        Tally.AddError($"Item {itemId} on side {side.Name()}: {message}");

        var bound = updatedAt ?? SideOf(side).Cursor;
        if (bound is null)
        {
            return;
        }

        if (!_earliestFailure.TryGetValue(side, out var earliest) || bound < earliest)
        {
            _earliestFailure[side] = bound.Value;
        }
    }

    /// <summary>
    /// Returns the cursor to save for a side: the update time of its earliest failed item when one
    /// failed, otherwise the later of the previous cursor and the latest update time read.
    /// </summary>
    public DateTimeOffset? NextCursor(Side side)
    {
        if (_earliestFailure.TryGetValue(side, out var earliest))
        {
            return earliest;
        }

        var previous = SideOf(side).Cursor;
        var latestRead = ItemsOn(side).MaxUpdatedAt;
        if (previous is null || latestRead is null)
        {
            return latestRead ?? previous;
        }

        return latestRead > previous ? latestRead : previous;
    }

    public void ReportStart() => _progress?.Report(new SyncProgress(0, Tally.ItemsRead));

    public void ReportItemDone()
    {
        _itemsDone++;
        _progress?.Report(new SyncProgress(_itemsDone, Tally.ItemsRead));
    }

    private static Dictionary<string, FieldKind> KindsByKey(IConnector connector)
    {
        var kinds = new Dictionary<string, FieldKind>(StringComparer.Ordinal);
        foreach (var field in connector.Fields)
        {
            kinds[field.Key] = field.Kind;
        }

        return kinds;
    }
}
