using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationPortal.Sync.Tests.Fakes;

/// <summary>
/// A flow between an in-memory Redmine-like tool on side A and a GitHub-like tool on side B, with a
/// state store, so a test can edit items, run the engine and inspect both tools.
/// </summary>
public sealed class SyncHarness
{
    public static readonly IReadOnlyList<ValueMapEntry> StatusMap =
    [
        new("New", "open"),
        new("In Progress", "open"),
        new("Closed", "closed"),
    ];

    public SyncHarness()
    {
        Clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        A = new InMemoryTool("ops", "A-", Clock,
        [
            new FieldDescriptor("subject", "Subject", FieldKind.Text),
            new FieldDescriptor("description", "Description", FieldKind.RichText),
            new FieldDescriptor("status", "Status", FieldKind.Choice),
            new FieldDescriptor("tags", "Tags", FieldKind.Labels),
        ])
        {
            ClosedState = ("status", "Closed"),
        };
        B = new InMemoryTool("acme/ops", "B-", Clock,
        [
            new FieldDescriptor("title", "Title", FieldKind.Text),
            new FieldDescriptor("body", "Body", FieldKind.RichText),
            new FieldDescriptor("state", "State", FieldKind.Choice),
            new FieldDescriptor("labels", "Labels", FieldKind.Labels),
        ])
        {
            ClosedState = ("state", "closed"),
        };
        Mappings =
        [
            new FieldMapping("subject", "title", SyncDirection.Both, []),
            new FieldMapping("description", "body", SyncDirection.Both, []),
            new FieldMapping("status", "state", SyncDirection.Both, StatusMap),
            new FieldMapping("tags", "labels", SyncDirection.Both, []),
        ];
        Engine = new SyncEngine(NullLogger<SyncEngine>.Instance, Clock);
    }

    public Guid FlowId { get; } = Guid.NewGuid();

    public ManualTimeProvider Clock { get; }

    public InMemoryTool A { get; }

    public InMemoryTool B { get; }

    public InMemoryStateStore Store { get; } = new();

    public SyncEngine Engine { get; }

    public List<FieldMapping> Mappings { get; set; }

    public ConflictRule ConflictRule { get; set; } = ConflictRule.SideAWins;

    public DeleteRule DeleteRule { get; set; } = DeleteRule.UnlinkAndFlag;

    public ItemScope? Scope { get; set; }

    public List<SyncProgress> ProgressReports { get; } = [];

    /// <summary>Runs the flow once with the cursors saved by the previous run.</summary>
    public Task<SyncRunResult> RunAsync(CancellationToken cancellationToken = default) =>
        RunAsync(Store.CursorA, Store.CursorB, cancellationToken);

    /// <summary>Runs the flow once without cursors, so both sides are read completely.</summary>
    public Task<SyncRunResult> RunFullReadAsync(CancellationToken cancellationToken = default) =>
        RunAsync(null, null, cancellationToken);

    private Task<SyncRunResult> RunAsync(DateTimeOffset? cursorA, DateTimeOffset? cursorB, CancellationToken cancellationToken)
    {
        var request = new FlowSyncRequest(
            FlowId,
            new SyncSide(A, A.Container, cursorA),
            new SyncSide(B, B.Container, cursorB),
            Mappings,
            ConflictRule,
            DeleteRule,
            Scope);

        return Engine.RunAsync(request, Store, new ListProgress(ProgressReports), cancellationToken);
    }

    /// <summary>Moves the clock on, as time passes between runs and edits.</summary>
    public void Wait(int seconds = 5) => Clock.Advance(TimeSpan.FromSeconds(seconds));

    public void ResetCallCounts()
    {
        A.ResetCallCounts();
        B.ResetCallCounts();
    }

    /// <summary>Adds an item on side A, runs once so it is linked, and returns both ids.</summary>
    public async Task<(string IdA, string IdB)> LinkedPairAsync(
        string subject = "Printer on floor 3 is jammed",
        string? description = "Paper tray 2.",
        string status = "New",
        string? tags = "hardware")
    {
        var item = A.Add(("subject", subject), ("description", description), ("status", status), ("tags", tags));
        await RunAsync();
        var link = Store.Links.Single(link => link.ItemIdA == item.Id);
        Wait();
        ResetCallCounts();
        return (item.Id, link.ItemIdB!);
    }

    private sealed class ListProgress(List<SyncProgress> reports) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => reports.Add(value);
    }
}
