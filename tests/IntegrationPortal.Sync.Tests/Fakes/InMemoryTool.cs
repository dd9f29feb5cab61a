using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Tests.Fakes;

public enum ToolOperation
{
    Read,
    Get,
    Create,
    Update,
}

/// <summary>One UpdateAsync call as the tool received it.</summary>
public sealed record UpdateCall(string ItemId, IReadOnlyDictionary<string, string?> Fields);

/// <summary>
/// A tool kept in memory that behaves like Redmine where it matters to the engine. Update times
/// have whole-second resolution, and every write advances the shared clock by 10 ms and stamps the
/// item. Every declared field is returned (null when empty). The `since` filter is inclusive and
/// rounded down to the second.
/// </summary>
public sealed class InMemoryTool : IConnector
{
    private static readonly TimeSpan WriteTick = TimeSpan.FromMilliseconds(10);

    private readonly ManualTimeProvider _clock;
    private readonly string _idPrefix;
    private readonly List<string> _order = [];
    private readonly Dictionary<string, SyncItem> _items = [];
    private readonly List<(ToolOperation Operation, string? ItemId, int? StatusCode)> _failures = [];
    private int _nextId = 1;

    public InMemoryTool(string container, string idPrefix, ManualTimeProvider clock, IReadOnlyList<FieldDescriptor> fields)
    {
        Container = container;
        _idPrefix = idPrefix;
        _clock = clock;
        Fields = fields;
    }

    public string Container { get; }

    public IReadOnlyList<FieldDescriptor> Fields { get; }

    /// <summary>Makes reads return every item twice, as overlapping pages of a real tool can.</summary>
    public bool ReturnsDuplicates { get; set; }

    public int Reads { get; private set; }

    public int Gets { get; private set; }

    public int Creates { get; private set; }

    public List<UpdateCall> Updates { get; } = [];

    public int Writes => Creates + Updates.Count;

    public int Count => _items.Count;

    public IEnumerable<SyncItem> Items => _order.Where(_items.ContainsKey).Select(id => _items[id]);

    /// <summary>Makes every later call of the operation (on the item, when given) throw a ConnectorException.</summary>
    public void FailOn(ToolOperation operation, string? itemId = null, int? statusCode = null) =>
        _failures.Add((operation, itemId, statusCode));

    public void ClearFailures() => _failures.Clear();

    public void ResetCallCounts()
    {
        Reads = 0;
        Gets = 0;
        Creates = 0;
        Updates.Clear();
    }

    /// <summary>Adds an item as a person would, without counting a call.</summary>
    public SyncItem Add(params (string Field, string? Value)[] fields)
    {
        var values = fields.ToDictionary(field => field.Field, field => field.Value);
        return Store(NewId(), values);
    }

    /// <summary>Changes one field as a person would, without counting a call.</summary>
    public void Edit(string itemId, string field, string? value)
    {
        var values = new Dictionary<string, string?>(_items[itemId].Fields) { [field] = value };
        Store(itemId, values);
    }

    public void Delete(string itemId) => _items.Remove(itemId);

    public SyncItem Item(string itemId) => _items[itemId];

    public string? Value(string itemId, string field) => _items[itemId].Fields.GetValueOrDefault(field);

    public Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionTestResult(true, "The in-memory tool is always reachable."));

    public Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ContainerInfo>>([new ContainerInfo(Container, Container)]);

    public Task<IReadOnlyList<SyncItem>> ReadChangedAsync(string container, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Reads++;
        CheckCall(ToolOperation.Read, container, itemId: null);

        var from = since is { } value ? TruncateToSecond(value) : DateTimeOffset.MinValue;
        var items = Items.Where(item => item.UpdatedAt >= from).ToList();
        if (ReturnsDuplicates)
        {
            items.AddRange(items.ToList());
        }

        return Task.FromResult<IReadOnlyList<SyncItem>>(items);
    }

    public Task<SyncItem?> GetAsync(string container, string itemId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Gets++;
        CheckCall(ToolOperation.Get, container, itemId);
        return Task.FromResult(_items.GetValueOrDefault(itemId));
    }

    public Task<SyncItem> CreateAsync(string container, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Creates++;
        CheckCall(ToolOperation.Create, container, itemId: null);
        return Task.FromResult(Store(NewId(), new Dictionary<string, string?>(fields)));
    }

    public Task UpdateAsync(string container, string itemId, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Updates.Add(new UpdateCall(itemId, new Dictionary<string, string?>(fields)));
        CheckCall(ToolOperation.Update, container, itemId);

        if (!_items.TryGetValue(itemId, out var item))
        {
            throw new ConnectorException($"Item {itemId} was not found in {container}.", 404);
        }

        var values = new Dictionary<string, string?>(item.Fields);
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        Store(itemId, values);
        return Task.CompletedTask;
    }

    private void CheckCall(ToolOperation operation, string container, string? itemId)
    {
        if (container != Container)
        {
            throw new ConnectorException($"Container {container} was not found; expected {Container}.", 404);
        }

        foreach (var failure in _failures)
        {
            if (failure.Operation == operation && (failure.ItemId is null || failure.ItemId == itemId))
            {
                throw new ConnectorException($"Simulated {operation} failure on {itemId ?? container}.", failure.StatusCode);
            }
        }
    }

    private string NewId() => $"{_idPrefix}{_nextId++}";

    private SyncItem Store(string itemId, Dictionary<string, string?> values)
    {
        // Like a real connector, every declared field is returned, with null for an empty one.
        foreach (var field in Fields)
        {
            values.TryAdd(field.Key, null);
        }

        _clock.Advance(WriteTick);
        var item = new SyncItem(itemId, TruncateToSecond(_clock.GetUtcNow()), values);
        if (!_items.ContainsKey(itemId))
        {
            _order.Add(itemId);
        }

        _items[itemId] = item;
        return item;
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
