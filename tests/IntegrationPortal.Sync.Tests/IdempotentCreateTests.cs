using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Tests.Fakes;

namespace IntegrationPortal.Sync.Tests;

public sealed class IdempotentCreateTests
{
    private readonly SyncHarness _flow = new();

    /// <summary>The points at which <see cref="CrashAt"/> stops a run that creates one counterpart on side B.</summary>
    public static TheoryData<string> CrashPoints =>
    [
        "before intent save",
        "after intent save",
        "before create",
        "after create",
        "before link completion",
        "after link completion",
        "before cursor save",
    ];

    [Fact]
    public async Task TimedOutCreate_StoredByTool_IsFoundByToken()
    {
        _flow.A.Add(("subject", "VPN drops"));
        FailAfterCreate(_flow.B, new ConnectorException("POST /issues timed out.", statusCode: null));
        var first = await _flow.RunAsync();
        _flow.B.OnCall = null;
        var pending = Assert.Single(_flow.Store.Links);
        _flow.Wait();

        var second = await _flow.RunAsync();

        Assert.Equal(1, first.ItemsFailed);
        Assert.NotNull(pending.CreateToken);
        Assert.Equal(1, _flow.B.Count);
        Assert.Equal(1, _flow.B.Creates);
        Assert.Equal(0, _flow.B.TokenSearches);
        Assert.Equal(1, second.ItemsCreated);
        var link = Assert.Single(_flow.Store.Links);
        Assert.Equal("B-1", link.ItemIdB);
        Assert.Null(link.CreateToken);
        Assert.Contains(second.Warnings, warning => warning.Contains("found by its create token"));
    }

    [Fact]
    public async Task TimedOutCreate_NotStored_IsCreatedWithSameToken()
    {
        _flow.A.Add(("subject", "VPN drops"));
        _flow.B.FailOn(ToolOperation.Create);
        await _flow.RunAsync();
        _flow.B.ClearFailures();
        var token = Assert.Single(_flow.Store.Links).CreateToken;
        _flow.Wait();

        var second = await _flow.RunAsync();

        Assert.Equal(1, second.ItemsCreated);
        Assert.Equal(1, _flow.B.Count);
        Assert.NotNull(token);
        Assert.Equal(token, _flow.B.CreateTokenOf("B-1"));
        var link = Assert.Single(_flow.Store.Links);
        Assert.Equal("B-1", link.ItemIdB);
        Assert.Null(link.CreateToken);
    }

    [Fact]
    public async Task RejectedAfterStored_IsNotCreatedTwice()
    {
        _flow.A.Add(("subject", "VPN drops"), ("status", "Closed"));
        FailAfterCreate(_flow.B, new ConnectorException("PATCH /issues/1 failed with HTTP 422.", 422));
        var first = await _flow.RunAsync();
        _flow.B.OnCall = null;
        _flow.Wait();

        await _flow.RunAsync();
        await _flow.RunAsync();

        Assert.Equal(1, first.ItemsFailed);
        Assert.Equal(1, _flow.B.Creates);
        Assert.Equal(1, _flow.B.Count);
        Assert.Equal("B-1", Assert.Single(_flow.Store.Links).ItemIdB);
    }

    [Fact]
    public async Task Conflict_CrashAfterWrite_IsStillReported()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "From A");
        _flow.B.Edit(idB, "title", "From B");
        _flow.Store.OnCall = call =>
        {
            if (call is { Operation: StoreOperation.SaveLink, Applied: false } && _flow.B.Updates.Count > 0)
            {
                throw new SimulatedCrashException("before the base is saved");
            }
        };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => _flow.RunAsync());
        _flow.Store.OnCall = null;
        _flow.Wait();

        await _flow.RunAsync();

        Assert.Equal("From A", _flow.B.Value(idB, "title"));
        var conflict = Assert.Single(_flow.Store.Conflicts);
        Assert.Equal("From A", conflict.ValueA);
        Assert.Equal("From B", conflict.ValueB);
    }

    [Fact]
    public async Task CreatedItem_CarriesTokenOfIntent()
    {
        _flow.A.Add(("subject", "VPN drops"));
        string? intentToken = null;
        _flow.Store.OnCall = call =>
        {
            if (call is { Operation: StoreOperation.SaveLink, Applied: true } && intentToken is null)
            {
                intentToken = _flow.Store.Links.Single().CreateToken;
            }
        };

        await _flow.RunAsync();

        Assert.NotNull(intentToken);
        Assert.Equal(intentToken, _flow.B.CreateTokenOf("B-1"));
    }

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task CrashAtEachPoint_RerunCreatesOneCounterpart(string point)
    {
        _flow.A.Add(("subject", "VPN drops"), ("status", "In Progress"));
        var crash = CrashAt(point);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => _flow.RunAsync());
        Assert.True(crash.Fired);
        _flow.B.OnCall = null;
        _flow.Store.OnCall = null;
        _flow.Wait();

        // Webhook deliveries can repeat and arrive late, so the same run is triggered three times.
        await _flow.RunAsync();
        await _flow.RunAsync();
        _flow.Wait();
        await _flow.RunAsync();

        Assert.Equal(1, _flow.B.Count);
        Assert.Equal(1, _flow.A.Count);
        var link = Assert.Single(_flow.Store.Links);
        Assert.Equal("B-1", link.ItemIdB);
        Assert.Null(link.CreateToken);
        Assert.Equal("VPN drops", _flow.B.Value("B-1", "title"));
        Assert.Equal("open", _flow.B.Value("B-1", "state"));
    }

    [Fact]
    public async Task DuplicateRuns_AfterCreate_CreateNothingMore()
    {
        _flow.A.Add(("subject", "VPN drops"));
        _flow.B.Add(("title", "Add SSO"));

        await _flow.RunAsync();
        var again = await _flow.RunAsync();
        var late = await _flow.RunAsync();

        Assert.Equal(0, again.ItemsCreated);
        Assert.Equal(0, late.ItemsCreated);
        Assert.Equal(2, _flow.A.Count);
        Assert.Equal(2, _flow.B.Count);
        Assert.Equal(2, _flow.Store.Links.Count);
    }

    [Theory]
    [InlineData(ConflictRule.SideAWins, "VPN drops")]
    [InlineData(ConflictRule.SideBWins, "VPN drops every hour")]
    public async Task FoundByToken_ItemDiffersFromIntent_IsReportedConflict(ConflictRule rule, string expected)
    {
        // The created item no longer contains what was sent: a person edited it, or a create that takes
        // two calls stopped half-way. Either way the rule decides, and the conflict is reported.
        _flow.ConflictRule = rule;
        var item = _flow.A.Add(("subject", "VPN drops"));
        FailAfterCreate(_flow.B, new SimulatedCrashException("after create"));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => _flow.RunAsync());
        _flow.B.OnCall = null;
        _flow.Wait();
        _flow.B.Edit("B-1", "title", "VPN drops every hour");

        var result = await _flow.RunAsync();

        Assert.Equal(expected, _flow.A.Value(item.Id, "subject"));
        Assert.Equal(expected, _flow.B.Value("B-1", "title"));
        Assert.Equal(1, result.Conflicts);
        var conflict = Assert.Single(_flow.Store.Conflicts);
        Assert.Equal("VPN drops every hour", conflict.ValueB);
    }

    [Fact]
    public async Task FoundByToken_SourceEditIsCopied()
    {
        var item = _flow.A.Add(("subject", "VPN drops"));
        FailAfterCreate(_flow.B, new SimulatedCrashException("after create"));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => _flow.RunAsync());
        _flow.B.OnCall = null;
        _flow.Wait();
        _flow.A.Edit(item.Id, "subject", "VPN drops at night");

        await _flow.RunAsync();

        Assert.Equal(1, _flow.B.Count);
        Assert.Equal("VPN drops at night", _flow.B.Value("B-1", "title"));
    }

    [Fact]
    public async Task FailedTokenSearch_DoesNotCreate()
    {
        _flow.A.Add(("subject", "VPN drops"));
        FailAfterCreate(_flow.B, new SimulatedCrashException("after create"));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => _flow.RunAsync());
        _flow.B.OnCall = null;
        _flow.B.FailOn(ToolOperation.FindByCreateToken, statusCode: 503);
        _flow.Wait(60);
        await SkipCursorsToNowAsync();
        _flow.Wait();

        var failed = await _flow.RunAsync();
        _flow.B.ClearFailures();
        _flow.Wait();
        await _flow.RunAsync();

        Assert.Equal(1, failed.ItemsFailed);
        Assert.Equal(1, _flow.A.Count);
        Assert.Equal(1, _flow.B.Creates);
        Assert.Equal(1, _flow.B.Count);
        Assert.Equal("B-1", Assert.Single(_flow.Store.Links).ItemIdB);
    }

    [Fact]
    public async Task PendingCreate_SourceOutsideCursor_IsStillRecovered()
    {
        var item = _flow.A.Add(("subject", "VPN drops"));
        FailAfterCreate(_flow.B, new ConnectorException("POST /issues timed out.", statusCode: null));
        await _flow.RunAsync();
        _flow.B.OnCall = null;
        _flow.Wait(60);
        _flow.A.Add(("subject", "Later item"));
        await SkipCursorsToNowAsync();
        _flow.Wait();

        await _flow.RunAsync();

        Assert.Equal(1, _flow.B.TokenSearches);
        Assert.Equal(1, _flow.B.Items.Count(candidate => candidate.Fields["title"] == "VPN drops"));
        Assert.Equal("B-1", _flow.Store.Links.Single(link => link.ItemIdA == item.Id).ItemIdB);
    }

    // Moves both cursors past every item, as if later runs had read them, so the next run reads
    // neither the source item nor its created counterpart.
    private Task SkipCursorsToNowAsync()
    {
        var now = _flow.Clock.GetUtcNow();
        return _flow.Store.SaveCursorsAsync(_flow.FlowId, now, now, CancellationToken.None);
    }

    private static void FailAfterCreate(InMemoryTool tool, Exception failure)
    {
        var fired = false;
        tool.OnCall = call =>
        {
            if (call is { Operation: ToolOperation.Create, Applied: true } && !fired)
            {
                fired = true;
                throw failure;
            }
        };
    }

    private CrashSwitch CrashAt(string point)
    {
        var crash = new CrashSwitch(point);
        var saves = 0;
        _flow.Store.OnCall = call =>
        {
            if (call.Operation == StoreOperation.SaveLink && !call.Applied)
            {
                saves++;
            }

            var hit = point switch
            {
                "before intent save" => call is { Operation: StoreOperation.SaveLink, Applied: false } && saves == 1,
                "after intent save" => call is { Operation: StoreOperation.SaveLink, Applied: true } && saves == 1,
                "before link completion" => call is { Operation: StoreOperation.SaveLink, Applied: false } && saves == 2,
                "after link completion" => call is { Operation: StoreOperation.SaveLink, Applied: true } && saves == 2,
                "before cursor save" => call is { Operation: StoreOperation.SaveCursors, Applied: false },
                _ => false,
            };
            crash.FireIf(hit);
        };
        _flow.B.OnCall = call => crash.FireIf(point switch
        {
            "before create" => call is { Operation: ToolOperation.Create, Applied: false },
            "after create" => call is { Operation: ToolOperation.Create, Applied: true },
            _ => false,
        });
        return crash;
    }

    private sealed class CrashSwitch(string point)
    {
        public bool Fired { get; private set; }

        public void FireIf(bool hit)
        {
            if (hit && !Fired)
            {
                Fired = true;
                throw new SimulatedCrashException(point);
            }
        }
    }
}
