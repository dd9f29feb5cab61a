using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Tests.Fakes;

public enum ToolOperation
{
    Read,
    Get,
    Create,
    Update,
    Close,
    FindByCreateToken,
}

/// <summary>
/// One call as <see cref="InMemoryTool.OnCall"/> receives it: before the tool applied it, or after it
/// applied it but before the caller received the result.
/// </summary>
public sealed record ToolCall(ToolOperation Operation, string? ItemId, bool Applied);

/// <summary>One UpdateAsync call as the tool received it, with the version it expected.</summary>
public sealed record UpdateCall(string ItemId, IReadOnlyDictionary<string, string?> Fields, string? ExpectedVersion = null);

/// <summary>
/// A tool kept in memory that behaves like Redmine where it matters to the engine. Update times
/// have whole-second resolution, and every write advances the shared clock by 10 ms and stamps the
/// item. Every declared field is returned (null when empty). The `since` filter is inclusive and
/// rounded down to the second. With <see cref="UsesRevisions"/>, every item carries a revision
/// number as its version and a write that expects an older revision fails with 412, as Azure
/// DevOps responds to a failed revision test.
/// </summary>
public sealed class InMemoryTool : IConnector
{
    private static readonly TimeSpan WriteTick = TimeSpan.FromMilliseconds(10);

    private readonly ManualTimeProvider _clock;
    private readonly string _idPrefix;
    private readonly List<string> _order = [];
    private readonly Dictionary<string, SyncItem> _items = [];
    private readonly Dictionary<string, (string Token, DateTimeOffset CreatedAt)> _createTokens = [];
    private readonly List<(ToolOperation Operation, string? ItemId, int? StatusCode)> _failures = [];
    private readonly Dictionary<string, int> _revisions = [];
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

    /// <summary>Makes items carry a revision and rejects writes that expect an older one with 412.</summary>
    public bool UsesRevisions { get; set; }

    /// <summary>The field and value that CloseAsync writes, or null for a tool that cannot close items.</summary>
    public (string Field, string Value)? ClosedState { get; set; }

    /// <summary>The author stamped on items that the engine creates or updates through this tool.</summary>
    public string ConnectionUser { get; set; } = "sync-bot";

    /// <summary>Runs once at the start of the next UpdateAsync call, to simulate a concurrent edit.</summary>
    public Action<string>? BeforeNextUpdate { get; set; }

    /// <summary>When set, a read fails after returning this many items, as a paging read that breaks after its first page.</summary>
    public int? FailReadAfter { get; set; }

    public List<string> Closes { get; } = [];

    /// <summary>
    /// Runs before and after every call is applied. A test throws from it to fail a call at that point,
    /// or edits items to act as a person working during a run.
    /// </summary>
    public Action<ToolCall>? OnCall { get; set; }

    public int Reads { get; private set; }

    public int Gets { get; private set; }

    public int Creates { get; private set; }

    public int TokenSearches { get; private set; }

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
        TokenSearches = 0;
        Updates.Clear();
        Closes.Clear();
    }

    /// <summary>Adds an item as a person would, without counting a call.</summary>
    public SyncItem Add(params (string Field, string? Value)[] fields)
    {
        var values = fields.ToDictionary(field => field.Field, field => field.Value);
        return Store(NewId(), values, "person");
    }

    /// <summary>Changes one field as a person would, without counting a call.</summary>
    public void Edit(string itemId, string field, string? value, string author = "person")
    {
        var values = new Dictionary<string, string?>(_items[itemId].Fields) { [field] = value };
        Store(itemId, values, author);
    }

    public void Delete(string itemId) => _items.Remove(itemId);

    /// <summary>Returns the create token stored on an item, or null when it was created without one.</summary>
    public string? CreateTokenOf(string itemId) => _createTokens.TryGetValue(itemId, out var entry) ? entry.Token : null;

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
        var items = Items.Where(item => item.UpdatedAt >= from).Select(WithCreateToken).ToList();
        if (FailReadAfter is { } pageSize && items.Count > pageSize)
        {
            throw new ConnectorException($"Simulated failure while reading the page after item {items[pageSize - 1].Id}.", 502);
        }

        if (ReturnsDuplicates)
        {
            items.AddRange(items.ToList());
        }

        OnCall?.Invoke(new ToolCall(ToolOperation.Read, null, Applied: true));
        return Task.FromResult<IReadOnlyList<SyncItem>>(items);
    }

    public Task<SyncItem?> GetAsync(string container, string itemId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Gets++;
        CheckCall(ToolOperation.Get, container, itemId);
        return Task.FromResult(_items.TryGetValue(itemId, out var item) ? WithCreateToken(item) : null);
    }

    public Task<SyncItem> CreateAsync(
        string container,
        IReadOnlyDictionary<string, string?> fields,
        string? createToken,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Creates++;
        CheckCall(ToolOperation.Create, container, itemId: null);

        var item = Store(NewId(), new Dictionary<string, string?>(fields), ConnectionUser);
        if (createToken is not null)
        {
            _createTokens[item.Id] = (createToken, _clock.GetUtcNow());
        }

        OnCall?.Invoke(new ToolCall(ToolOperation.Create, item.Id, Applied: true));
        return Task.FromResult(WithCreateToken(item));
    }

    public Task<SyncItem?> FindByCreateTokenAsync(
        string container,
        string createToken,
        DateTimeOffset createdAfter,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TokenSearches++;
        CheckCall(ToolOperation.FindByCreateToken, container, itemId: null);

        var id = _createTokens
            .Where(entry => entry.Value.Token == createToken && entry.Value.CreatedAt >= createdAfter && _items.ContainsKey(entry.Key))
            .Select(entry => entry.Key)
            .FirstOrDefault();
        OnCall?.Invoke(new ToolCall(ToolOperation.FindByCreateToken, id, Applied: true));
        return Task.FromResult(id is null ? null : WithCreateToken(_items[id]));
    }

    public Task UpdateAsync(
        string container,
        string itemId,
        IReadOnlyDictionary<string, string?> fields,
        string? expectedVersion,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var concurrentEdit = BeforeNextUpdate;
        BeforeNextUpdate = null;
        concurrentEdit?.Invoke(itemId);

        Updates.Add(new UpdateCall(itemId, new Dictionary<string, string?>(fields), expectedVersion));
        CheckCall(ToolOperation.Update, container, itemId);

        if (!_items.TryGetValue(itemId, out var item))
        {
            throw new ConnectorException($"Item {itemId} was not found in {container}.", 404);
        }

        if (UsesRevisions && expectedVersion is not null && expectedVersion != item.Version)
        {
            throw new ConnectorException($"Item {itemId} is at revision {item.Version}, not {expectedVersion}.", 412);
        }

        var values = new Dictionary<string, string?>(item.Fields);
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        Store(itemId, values, ConnectionUser);
        OnCall?.Invoke(new ToolCall(ToolOperation.Update, itemId, Applied: true));
        return Task.CompletedTask;
    }

    public Task CloseAsync(string container, string itemId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Closes.Add(itemId);
        CheckCall(ToolOperation.Close, container, itemId);

        if (ClosedState is not { } closed)
        {
            throw new ConnectorException($"The in-memory tool {Container} cannot close or delete items.", 405);
        }

        if (_items.TryGetValue(itemId, out var item))
        {
            var values = new Dictionary<string, string?>(item.Fields) { [closed.Field] = closed.Value };
            Store(itemId, values, ConnectionUser);
        }

        OnCall?.Invoke(new ToolCall(ToolOperation.Close, itemId, Applied: true));
        return Task.CompletedTask;
    }

    private void CheckCall(ToolOperation operation, string container, string? itemId)
    {
        OnCall?.Invoke(new ToolCall(operation, itemId, Applied: false));

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

    private SyncItem WithCreateToken(SyncItem item) => item with { CreateToken = CreateTokenOf(item.Id) };

    private string NewId() => $"{_idPrefix}{_nextId++}";

    private SyncItem Store(string itemId, Dictionary<string, string?> values, string author)
    {
        // Like a real connector, every declared field is returned, with null for an empty one.
        foreach (var field in Fields)
        {
            values.TryAdd(field.Key, null);
        }

        _clock.Advance(WriteTick);
        var revision = _revisions.GetValueOrDefault(itemId) + 1;
        _revisions[itemId] = revision;
        var version = UsesRevisions ? revision.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        var item = new SyncItem(itemId, TruncateToSecond(_clock.GetUtcNow()), values, UpdatedBy: author, Version: version);
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
