using IntegrationPortal.Connectors.GitHub;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Sync.Engine;
using IntegrationPortal.Sync.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationPortal.Connectors.Tests.Faults;

/// <summary>The engine against two emulator repositories, with the create request of a run failed after GitHub stored the issue.</summary>
public sealed class GitHubCreateRecoveryTests : IAsyncLifetime
{
    private const string Support = "acme/support";
    private const string Engineering = "acme/engineering-copy";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStateStore _store = new();
    private readonly Guid _flowId = Guid.NewGuid();
    private GitHubEmulator _emulator = null!;
    private FaultingHandler _faults = null!;
    private HttpClient _engineHttp = null!;
    private HttpClient _personHttp = null!;
    private GitHubConnector _engineConnector = null!;
    private GitHubConnector _person = null!;

    public async Task InitializeAsync()
    {
        _emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = _clock });
        _emulator.CreateRepository(Support);
        _emulator.CreateRepository(Engineering);
        _faults = new FaultingHandler(_emulator);
        _engineHttp = new HttpClient(_faults);
        _personHttp = new HttpClient();
        _engineConnector = new GitHubConnector(_engineHttp, _emulator.BaseUrl, GitHubEmulator.DefaultToken, NullLogger<GitHubConnector>.Instance);
        _person = new GitHubConnector(_personHttp, _emulator.BaseUrl, GitHubEmulator.DefaultToken, NullLogger<GitHubConnector>.Instance);
    }

    public async Task DisposeAsync()
    {
        _engineHttp.Dispose();
        _personHttp.Dispose();
        _faults.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task TimedOutCreate_IsFoundByToken()
    {
        await _person.CreateAsync(Support, Fields("Printer jammed"), createToken: null, None);
        _faults.Arm(failAt: 3, RequestFault.TimeoutAfter);
        var first = await RunAsync();
        var fired = _faults.Fired;
        _faults.Arm(null, RequestFault.TimeoutAfter);
        _clock.Advance(TimeSpan.FromSeconds(5));

        var second = await RunAsync();

        Assert.True(fired);
        Assert.Equal(1, first.ItemsFailed);
        Assert.Equal(1, second.ItemsCreated);
        var copies = await _person.ReadChangedAsync(Engineering, null, None);
        var copy = Assert.Single(copies);
        Assert.Equal("Printer jammed", copy.Fields["title"]);
        Assert.Equal(copy.Id, Assert.Single(_store.Links).ItemIdB);
    }

    [Fact]
    public async Task CrashAfterCreate_OutsideCursor_IsFoundBySearch()
    {
        await _person.CreateAsync(Support, Fields("Printer jammed"), createToken: null, None);
        _faults.Arm(failAt: 3, RequestFault.CrashAfter);
        await Assert.ThrowsAsync<SimulatedCrashException>(RunAsync);
        var fired = _faults.Fired;
        _faults.Arm(null, RequestFault.CrashAfter);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var now = _clock.GetUtcNow();
        await _store.SaveCursorsAsync(_flowId, now, now, None);
        _clock.Advance(TimeSpan.FromSeconds(5));

        var result = await RunAsync();

        // Two reads, the token search, and a get of each item of the pair: no create.
        Assert.True(fired);
        Assert.Equal(5, _faults.Requests);
        Assert.Equal(1, result.ItemsCreated);
        Assert.Equal(0, result.ItemsUpdated);
        Assert.Contains(result.Warnings, warning => warning.Contains("found by its create token"));
        var copy = Assert.Single(await _person.ReadChangedAsync(Engineering, null, None));
        Assert.Equal(copy.Id, Assert.Single(_store.Links).ItemIdB);
    }

    private static Dictionary<string, string?> Fields(string title) =>
        new() { ["title"] = title, ["description"] = "Tray 2.", ["status"] = "open", ["labels"] = "hardware" };

    private Task<SyncRunResult> RunAsync()
    {
        var mappings = GitHubConnector.StaticFields.Select(field => new FieldMapping(field.Key, field.Key, SyncDirection.Both, [])).ToList();
        var request = new FlowSyncRequest(
            _flowId,
            new SyncSide(_engineConnector, Support, _store.CursorA),
            new SyncSide(_engineConnector, Engineering, _store.CursorB),
            mappings,
            ConflictRule.SideAWins);
        return new SyncEngine(NullLogger<SyncEngine>.Instance, _clock).RunAsync(request, _store, null, None);
    }
}
