using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;
using IntegrationPortal.Sync.Tests.Fakes;
using IntegrationPortal.Sync.Values;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationPortal.Sync.Tests.Values;

/// <summary>
/// Runs the engine between a Redmine-like tool that stores Textile and a GitHub-like tool that stores
/// Markdown, to show that values which only look different are not changes and that an unmapped user
/// is reported and not copied.
/// </summary>
public sealed class NormalizationSyncTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryTool _redmine;
    private readonly InMemoryTool _github;
    private readonly InMemoryStateStore _store = new();
    private readonly SyncEngine _engine;

    public NormalizationSyncTests()
    {
        _redmine = new InMemoryTool("ops", "A-", _clock,
        [
            new FieldDescriptor("subject", "Subject", FieldKind.Text),
            new FieldDescriptor("description", "Description", FieldKind.RichText),
            new FieldDescriptor("tags", "Tags", FieldKind.Labels),
            new FieldDescriptor("assignee", "Assignee", FieldKind.User),
            new FieldDescriptor("due_date", "Due date", FieldKind.Date),
        ]);
        _github = new InMemoryTool("acme/ops", "B-", _clock,
        [
            new FieldDescriptor("title", "Title", FieldKind.Text),
            new FieldDescriptor("body", "Body", FieldKind.RichText),
            new FieldDescriptor("labels", "Labels", FieldKind.Labels),
            new FieldDescriptor("assignee", "Assignee", FieldKind.User),
            new FieldDescriptor("due_on", "Due on", FieldKind.Date),
        ]);
        _engine = new SyncEngine(NullLogger<SyncEngine>.Instance, _clock);
    }

    private TextileTool RedmineSide => new(_redmine);

    [Fact]
    public async Task Labels_InAnotherOrder_AreNoChange()
    {
        var (idA, idB) = await LinkedPairAsync(tags: "printer, hardware, floor-3");
        _github.Edit(idB, "labels", "hardware, floor-3, printer");
        _redmine.Edit(idA, "tags", "floor-3,printer,hardware");

        var result = await RunAsync();

        Assert.Empty(_github.Updates);
        Assert.Empty(_redmine.Updates);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task DueDate_WithOffset_IsNoChange()
    {
        var (_, idB) = await LinkedPairAsync(dueDate: "2026-03-31");
        _github.Edit(idB, "due_on", "2026-03-31T23:00:00-08:00");

        await RunAsync();

        Assert.Empty(_github.Updates);
        Assert.Empty(_redmine.Updates);
    }

    [Fact]
    public async Task UnmappedUser_IsNotCopiedAndWarns()
    {
        var hidden = UserValues.Unmapped("GitHub", "person0007");
        var (_, idB) = await LinkedPairAsync(assignee: "person0001@example.com");
        _github.Edit(idB, "assignee", hidden);

        var result = await RunAsync();

        Assert.Empty(_redmine.Updates);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("'person0007'", warning, StringComparison.Ordinal);
        Assert.Contains("public", warning, StringComparison.Ordinal);
        Assert.Equal("person0001@example.com", _redmine.Items.Single().Fields["assignee"]);
    }

    [Fact]
    public async Task UnmappedUser_IsLeftOutOfCreate()
    {
        _redmine.Add(("subject", "Keyboard lags"), ("assignee", UserValues.Unmapped("Redmine", "person0009")));

        var result = await RunAsync();

        var created = Assert.Single(_github.Items);
        Assert.Null(created.Fields["assignee"]);
        Assert.Contains(result.Warnings, warning => warning.Contains("'person0009'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UserAddress_IsCopiedInLowerCase()
    {
        var (idA, _) = await LinkedPairAsync(assignee: "person0001@example.com");
        _redmine.Edit(idA, "assignee", "Person0002@Example.com");

        await RunAsync();

        var update = Assert.Single(_github.Updates);
        Assert.Equal("person0002@example.com", update.Fields["assignee"]);
    }

    [Fact]
    public async Task Description_FromTextile_DoesNotEcho()
    {
        _redmine.Add(("subject", "Crash on start"), ("description", "h2. Steps\n\n# Open @Settings@\n# Tap *Save*"));

        await RunAsync();
        Wait();
        _redmine.ResetCallCounts();
        _github.ResetCallCounts();
        await RunAsync();

        Assert.Equal("## Steps\n\n1. Open `Settings`\n2. Tap **Save**", _github.Items.Single().Fields["body"]);
        Assert.Empty(_github.Updates);
        Assert.Empty(_redmine.Updates);
    }

    [Fact]
    public async Task InlineCode_FromGitHub_StaysInline()
    {
        var (idA, idB) = await LinkedPairAsync();
        _github.Edit(idB, "body", "Run `adb logcat` and attach the output.");

        await RunAsync();
        Wait();
        await RunAsync();

        Assert.Equal("Run @adb logcat@ and attach the output.", _redmine.Value(idA, "description"));
        Assert.Single(_redmine.Updates);
        Assert.Empty(_github.Updates);
    }

    private async Task<(string IdA, string IdB)> LinkedPairAsync(
        string? tags = null,
        string? assignee = null,
        string? dueDate = null)
    {
        var item = _redmine.Add(
            ("subject", "Printer jammed"), ("description", "Tray *2*."), ("tags", tags), ("assignee", assignee), ("due_date", dueDate));
        await RunAsync();
        var link = _store.Links.Single(link => link.ItemIdA == item.Id);
        Wait();
        _redmine.ResetCallCounts();
        _github.ResetCallCounts();
        return (item.Id, link.ItemIdB!);
    }

    private Task<SyncRunResult> RunAsync()
    {
        var request = new FlowSyncRequest(
            Guid.Empty,
            new SyncSide(RedmineSide, _redmine.Container, _store.CursorA),
            new SyncSide(_github, _github.Container, _store.CursorB),
            [
                new FieldMapping("subject", "title", SyncDirection.Both, []),
                new FieldMapping("description", "body", SyncDirection.Both, []),
                new FieldMapping("tags", "labels", SyncDirection.Both, []),
                new FieldMapping("assignee", "assignee", SyncDirection.Both, []),
                new FieldMapping("due_date", "due_on", SyncDirection.Both, []),
            ],
            ConflictRule.SideAWins);
        return _engine.RunAsync(request, _store, new Progress<SyncProgress>(), CancellationToken.None);
    }

    private void Wait() => _clock.Advance(TimeSpan.FromSeconds(5));

    /// <summary>Stores the description as Textile and converts it on read and write, as the Redmine connector does.</summary>
    private sealed class TextileTool(InMemoryTool inner) : IConnector
    {
        public IReadOnlyList<FieldDescriptor> Fields => inner.Fields;

        public Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken) => inner.TestAsync(cancellationToken);

        public Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(CancellationToken cancellationToken) =>
            inner.ListContainersAsync(cancellationToken);

        public async Task<IReadOnlyList<SyncItem>> ReadChangedAsync(string container, DateTimeOffset? since, CancellationToken cancellationToken) =>
            [.. (await inner.ReadChangedAsync(container, since, cancellationToken)).Select(Read)];

        public async Task<SyncItem?> GetAsync(string container, string itemId, CancellationToken cancellationToken) =>
            await inner.GetAsync(container, itemId, cancellationToken) is { } item ? Read(item) : null;

        public async Task<SyncItem> CreateAsync(
            string container,
            IReadOnlyDictionary<string, string?> fields,
            string? createToken,
            CancellationToken cancellationToken) =>
            Read(await inner.CreateAsync(container, Write(fields), createToken, cancellationToken));

        public async Task<SyncItem?> FindByCreateTokenAsync(
            string container,
            string createToken,
            DateTimeOffset createdAfter,
            CancellationToken cancellationToken) =>
            await inner.FindByCreateTokenAsync(container, createToken, createdAfter, cancellationToken) is { } item ? Read(item) : null;

        public Task UpdateAsync(
            string container,
            string itemId,
            IReadOnlyDictionary<string, string?> fields,
            string? expectedVersion,
            CancellationToken cancellationToken) =>
            inner.UpdateAsync(container, itemId, Write(fields), expectedVersion, cancellationToken);

        public Task CloseAsync(string container, string itemId, CancellationToken cancellationToken) =>
            inner.CloseAsync(container, itemId, cancellationToken);

        private static SyncItem Read(SyncItem item)
        {
            var fields = new Dictionary<string, string?>(item.Fields)
            {
                ["description"] = RichTextConverter.ToCanonical(item.Fields["description"], RichTextFormat.RedmineTextile),
            };
            return item with { Fields = fields };
        }

        private static Dictionary<string, string?> Write(IReadOnlyDictionary<string, string?> fields)
        {
            var converted = new Dictionary<string, string?>(fields);
            if (fields.TryGetValue("description", out var description))
            {
                converted["description"] = RichTextConverter.FromCanonical(description, RichTextFormat.RedmineTextile);
            }

            return converted;
        }
    }
}
