using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;
using IntegrationPortal.Sync.Tests.Fakes;

namespace IntegrationPortal.Sync.Tests;

public sealed class SyncEngineTests
{
    private readonly SyncHarness _flow = new();

    [Fact]
    public async Task FirstRun_CreatesCounterpartsBothWays()
    {
        var itemA = _flow.A.Add(("subject", "VPN drops"), ("status", "In Progress"), ("tags", "network, vpn"));
        var itemB = _flow.B.Add(("title", "Add SSO"), ("body", "Use OIDC."), ("state", "closed"));

        var result = await _flow.RunAsync();

        Assert.Equal(2, result.ItemsCreated);
        Assert.Equal(2, _flow.A.Count);
        Assert.Equal(2, _flow.B.Count);
        var copyOfA = _flow.B.Items.Single(item => item.Id != itemB.Id);
        Assert.Equal("VPN drops", copyOfA.Fields["title"]);
        Assert.Equal("open", copyOfA.Fields["state"]);
        Assert.Equal("network, vpn", copyOfA.Fields["labels"]);
        var copyOfB = _flow.A.Items.Single(item => item.Id != itemA.Id);
        Assert.Equal("Add SSO", copyOfB.Fields["subject"]);
        Assert.Equal("Closed", copyOfB.Fields["status"]);
    }

    [Fact]
    public async Task FirstRun_LinksEveryItemWithoutToken()
    {
        _flow.A.Add(("subject", "VPN drops"));
        _flow.B.Add(("title", "Add SSO"));

        await _flow.RunAsync();

        Assert.Equal(2, _flow.Store.Links.Count);
        Assert.All(_flow.Store.Links, link => Assert.Null(link.CreateToken));
        Assert.All(_flow.Store.Links, link => Assert.NotNull(link.ItemIdA));
        Assert.All(_flow.Store.Links, link => Assert.NotNull(link.ItemIdB));
    }

    [Fact]
    public async Task FirstRun_RecordsCreatedFieldsAsChanges()
    {
        _flow.A.Add(("subject", "VPN drops"));

        await _flow.RunAsync();

        var change = Assert.Single(_flow.Store.Changes, change => change.Field == "title");
        Assert.Equal("B", change.TargetSide);
        Assert.Equal("VPN drops", change.NewValue);
        Assert.False(change.WasConflict);
    }

    [Fact]
    public async Task EditOnA_PropagatesToB()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Printer on floor 3 is fixed");

        var result = await _flow.RunAsync();

        Assert.Equal("Printer on floor 3 is fixed", _flow.B.Value(idB, "title"));
        Assert.Equal(1, result.ItemsUpdated);
    }

    [Fact]
    public async Task EditOnB_PropagatesBackToA()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.B.Edit(idB, "body", "Paper tray 2, see photo.");

        await _flow.RunAsync();

        Assert.Equal("Paper tray 2, see photo.", _flow.A.Value(idA, "description"));
    }

    [Fact]
    public async Task Update_SendsOnlyChangedFields()
    {
        var (idA, _) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Printer jammed again");

        await _flow.RunAsync();

        var update = Assert.Single(_flow.B.Updates);
        Assert.Equal(["title"], update.Fields.Keys);
    }

    [Fact]
    public async Task SecondRun_WithoutEdits_WritesNothing()
    {
        _flow.A.Add(("subject", "VPN drops"), ("status", "New"));
        _flow.B.Add(("title", "Add SSO"), ("state", "open"));
        await _flow.RunAsync();
        _flow.Wait();
        _flow.ResetCallCounts();

        var result = await _flow.RunAsync();

        Assert.Equal(0, _flow.A.Writes);
        Assert.Equal(0, _flow.B.Writes);
        Assert.Equal(0, result.ItemsCreated);
        Assert.Equal(0, result.ItemsUpdated);
    }

    [Fact]
    public async Task OwnWrite_DoesNotEcho()
    {
        var (idA, _) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Printer jammed again");
        await _flow.RunAsync();
        _flow.Wait();
        _flow.ResetCallCounts();

        await _flow.RunAsync();

        Assert.Empty(_flow.A.Updates);
        Assert.Empty(_flow.B.Updates);
    }

    [Theory]
    [InlineData(ConflictRule.SideAWins, false, "From A")]
    [InlineData(ConflictRule.SideBWins, false, "From B")]
    [InlineData(ConflictRule.MostRecentWins, false, "From B")]
    [InlineData(ConflictRule.MostRecentWins, true, "From A")]
    public async Task Conflict_ResolvedByRule(ConflictRule rule, bool editAFirst, string expected)
    {
        _flow.ConflictRule = rule;
        var (idA, idB) = await _flow.LinkedPairAsync();
        if (editAFirst)
        {
            _flow.B.Edit(idB, "title", "From B");
            _flow.Wait();
            _flow.A.Edit(idA, "subject", "From A");
        }
        else
        {
            _flow.A.Edit(idA, "subject", "From A");
            _flow.Wait();
            _flow.B.Edit(idB, "title", "From B");
        }

        var result = await _flow.RunAsync();

        Assert.Equal(1, result.Conflicts);
        Assert.Equal(expected, _flow.A.Value(idA, "subject"));
        Assert.Equal(expected, _flow.B.Value(idB, "title"));
    }

    [Fact]
    public async Task Conflict_IsRecordedAsConflictChange()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "From A");
        _flow.B.Edit(idB, "title", "From B");

        await _flow.RunAsync();

        var change = _flow.Store.Changes.Last();
        Assert.True(change.WasConflict);
        Assert.Equal("From B", change.OldValue);
        Assert.Equal("From A", change.NewValue);
    }

    [Fact]
    public async Task Conflict_MostRecentTie_SideAWins()
    {
        _flow.ConflictRule = ConflictRule.MostRecentWins;
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "From A");
        _flow.B.Edit(idB, "title", "From B");

        await _flow.RunAsync();

        Assert.Equal("From A", _flow.B.Value(idB, "title"));
    }

    [Fact]
    public async Task OneWayMapping_NeverWritesBack()
    {
        _flow.Mappings = [new FieldMapping("subject", "title", SyncDirection.AToB, [])];
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.B.Edit(idB, "title", "Renamed on B");

        await _flow.RunAsync();

        Assert.Equal("Printer on floor 3 is jammed", _flow.A.Value(idA, "subject"));
        Assert.Empty(_flow.A.Updates);
    }

    [Fact]
    public async Task OneWayMapping_SourceEditOverwritesTarget()
    {
        _flow.Mappings = [new FieldMapping("subject", "title", SyncDirection.AToB, [])];
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.B.Edit(idB, "title", "Renamed on B");
        _flow.A.Edit(idA, "subject", "Renamed on A");

        var result = await _flow.RunAsync();

        Assert.Equal("Renamed on A", _flow.B.Value(idB, "title"));
        Assert.Equal(0, result.Conflicts);
    }

    [Fact]
    public async Task OneWayMapping_NoCreateOnSource()
    {
        _flow.Mappings = [new FieldMapping("subject", "title", SyncDirection.AToB, [])];
        _flow.B.Add(("title", "Only on B"));

        var result = await _flow.RunAsync();

        Assert.Equal(0, result.ItemsCreated);
        Assert.Equal(0, _flow.A.Count);
    }

    [Fact]
    public async Task ValueMap_TranslatesAToB()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "status", "Closed");

        await _flow.RunAsync();

        Assert.Equal("closed", _flow.B.Value(idB, "state"));
    }

    [Fact]
    public async Task ValueMap_ManyToOne_IsNoChange()
    {
        var (idA, _) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "status", "In Progress");

        await _flow.RunAsync();

        Assert.Empty(_flow.B.Updates);
    }

    [Fact]
    public async Task ValueMap_ReversesToFirstEntry()
    {
        var (idA, idB) = await _flow.LinkedPairAsync(status: "Closed");
        _flow.B.Edit(idB, "state", "OPEN");

        await _flow.RunAsync();

        Assert.Equal("New", _flow.A.Value(idA, "status"));
    }

    [Fact]
    public async Task UnmappedValue_WarnsAndSkipsWrite()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "status", "Rejected");

        var result = await _flow.RunAsync();

        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("Value 'Rejected' of field status has no entry in the value map", warning);
        Assert.Equal("open", _flow.B.Value(idB, "state"));
        Assert.Empty(_flow.B.Updates);
    }

    [Fact]
    public async Task UnmappedValue_OtherFieldsStillCopied()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "status", "Rejected");
        _flow.A.Edit(idA, "subject", "Printer replaced");

        await _flow.RunAsync();

        var update = Assert.Single(_flow.B.Updates);
        Assert.Equal(["title"], update.Fields.Keys);
        Assert.Equal("Printer replaced", _flow.B.Value(idB, "title"));
    }

    [Fact]
    public async Task UnmappedValue_CopiedOnceMapHasEntry()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "status", "Rejected");
        await _flow.RunAsync();
        _flow.Mappings[2] = _flow.Mappings[2] with { ValueMap = [.. SyncHarness.StatusMap, new("Rejected", "closed")] };
        _flow.A.Edit(idA, "subject", "Won't fix");

        await _flow.RunAsync();

        Assert.Equal("closed", _flow.B.Value(idB, "state"));
    }

    [Fact]
    public async Task UnmappedValue_RepeatedWarningIsCounted()
    {
        _flow.A.Add(("subject", "One"), ("status", "Rejected"));
        _flow.A.Add(("subject", "Two"), ("status", "Rejected"));

        var result = await _flow.RunAsync();

        var warning = Assert.Single(result.Warnings);
        Assert.EndsWith("(2 times)", warning);
    }

    [Fact]
    public async Task MissingField_IsSkippedNotCleared()
    {
        _flow.Mappings = [new FieldMapping("tags", "milestone", SyncDirection.BToA, [])];
        var itemA = _flow.A.Add(("tags", "hardware"));
        var itemB = _flow.B.Add(("title", "Printer"));
        _flow.Store.Seed(new ItemLink(Guid.NewGuid(), _flow.FlowId, itemA.Id, itemB.Id, _flow.Clock.GetUtcNow())
        {
            BaseA = new() { ["tags"] = "hardware" },
            BaseB = new() { ["milestone"] = "hardware" },
        });

        var result = await _flow.RunAsync();

        Assert.Equal("hardware", _flow.A.Value(itemA.Id, "tags"));
        Assert.Contains(result.Warnings, warning => warning.StartsWith("Field milestone was not returned"));
        Assert.Empty(_flow.A.Updates);
    }

    [Fact]
    public async Task Labels_OtherOrder_IsNoChange()
    {
        var (idA, _) = await _flow.LinkedPairAsync(tags: "hardware, floor-3");
        _flow.A.Edit(idA, "tags", "floor-3,hardware, ");

        await _flow.RunAsync();

        Assert.Empty(_flow.B.Updates);
        Assert.Empty(_flow.A.Updates);
    }

    [Fact]
    public async Task Description_CrlfVersusLf_IsNoChange()
    {
        var (idA, _) = await _flow.LinkedPairAsync(description: "Line one\nLine two");
        _flow.A.Edit(idA, "description", "Line one  \r\nLine two\r\n");

        await _flow.RunAsync();

        Assert.Empty(_flow.B.Updates);
        Assert.Empty(_flow.A.Updates);
    }

    [Fact]
    public async Task Write_EqualToTargetValue_IsNotSent()
    {
        var link = new ItemLink(Guid.NewGuid(), _flow.FlowId, "A-1", "B-1", _flow.Clock.GetUtcNow())
        {
            BaseA = new() { ["subject"] = "Old", ["description"] = "Old text" },
            BaseB = new() { ["title"] = "New", ["body"] = "Old text" },
        };
        _flow.Store.Seed(link);
        _flow.A.Add(("subject", "New"), ("description", "New text"));
        _flow.B.Add(("title", "New"), ("body", "Old text"));

        await _flow.RunAsync();

        var update = Assert.Single(_flow.B.Updates);
        Assert.Equal(["body"], update.Fields.Keys);
    }

    [Fact]
    public async Task FailingItem_DoesNotStopRest()
    {
        var (idA1, idB1) = await _flow.LinkedPairAsync(subject: "First");
        var (idA2, idB2) = await _flow.LinkedPairAsync(subject: "Second");
        _flow.A.Edit(idA1, "subject", "First, edited");
        _flow.A.Edit(idA2, "subject", "Second, edited");
        _flow.B.FailOn(ToolOperation.Update, idB1, 503);

        var result = await _flow.RunAsync();

        Assert.Equal(1, result.ItemsFailed);
        Assert.Contains(idA1, Assert.Single(result.Errors));
        Assert.Equal("Second, edited", _flow.B.Value(idB2, "title"));
    }

    [Fact]
    public async Task FailedItem_IsRetriedNextRun()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Edited");
        _flow.B.FailOn(ToolOperation.Update, idB, 503);
        await _flow.RunAsync();
        _flow.B.ClearFailures();
        _flow.Wait(60);

        await _flow.RunAsync();

        Assert.Equal("Edited", _flow.B.Value(idB, "title"));
    }

    [Fact]
    public async Task SameSecondAsCursor_IsNotMissed()
    {
        var first = _flow.A.Add(("subject", "First"));
        await _flow.RunAsync();
        Assert.Equal(first.UpdatedAt, _flow.Store.CursorA);
        var second = _flow.A.Add(("subject", "Second"));
        Assert.Equal(first.UpdatedAt, second.UpdatedAt);

        await _flow.RunAsync();

        Assert.Contains(_flow.B.Items, item => item.Fields["title"] == "Second");
    }

    [Fact]
    public async Task Crash_AfterIntentSave_DoesNotDuplicate()
    {
        _flow.A.Add(("subject", "VPN drops"));
        _flow.Store.FailOnSaveLinkCall = 2;
        await Assert.ThrowsAsync<InvalidOperationException>(() => _flow.RunAsync());
        _flow.Store.FailOnSaveLinkCall = null;
        _flow.Wait();

        await _flow.RunAsync();

        Assert.Equal(1, _flow.A.Count);
        Assert.Equal(1, _flow.B.Count);
        var link = Assert.Single(_flow.Store.Links);
        Assert.Null(link.CreateToken);
        Assert.Equal("B-1", link.ItemIdB);
    }

    [Fact]
    public async Task CreateRejected_IsRetriedNextRun()
    {
        _flow.A.Add(("subject", "VPN drops"));
        _flow.B.FailOn(ToolOperation.Create, statusCode: 422);
        await _flow.RunAsync();
        _flow.B.ClearFailures();
        _flow.Wait();

        var result = await _flow.RunAsync();

        Assert.Equal(1, result.ItemsCreated);
        Assert.Equal(1, _flow.B.Count);
        Assert.Single(_flow.Store.Links);
    }

    [Fact]
    public async Task MissingCounterpart_IsFlaggedAndLinkKept()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.B.Delete(idB);
        _flow.A.Edit(idA, "subject", "Edited");

        var result = await _flow.RunAsync();

        Assert.Equal(0, result.ItemsFailed);
        Assert.Contains(result.Warnings, warning => warning.Contains("was not found"));
        Assert.Equal(LinkState.CounterpartMissing, Assert.Single(_flow.Store.Links).State);
        Assert.Equal(0, _flow.B.Creates);
    }

    [Fact]
    public async Task ReadFailure_Propagates()
    {
        _flow.A.Add(("subject", "VPN drops"));
        _flow.B.FailOn(ToolOperation.Read, statusCode: 401);

        await Assert.ThrowsAsync<ConnectorException>(() => _flow.RunAsync());

        Assert.Equal(0, _flow.B.Creates);
        Assert.Equal(0, _flow.Store.SaveCursorCalls);
    }

    [Fact]
    public async Task Cancellation_Propagates()
    {
        _flow.A.Add(("subject", "VPN drops"));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _flow.RunAsync(cancellation.Token));

        Assert.Equal(0, _flow.Store.SaveCursorCalls);
    }

    [Fact]
    public async Task Cursors_AreMaxUpdateTimeRead()
    {
        _flow.A.Add(("subject", "One"));
        _flow.Wait();
        var latest = _flow.A.Add(("subject", "Two"));

        await _flow.RunAsync();

        Assert.Equal(latest.UpdatedAt, _flow.Store.CursorA);
    }

    [Fact]
    public async Task Cursors_UnchangedWhenOnlyOverlapRead()
    {
        await _flow.LinkedPairAsync();
        await _flow.RunAsync();
        var cursorB = _flow.Store.CursorB;
        Assert.NotNull(cursorB);
        _flow.Wait(60);

        await _flow.RunAsync();

        Assert.Equal(cursorB, _flow.Store.CursorB);
    }

    [Fact]
    public async Task Progress_ReportsEveryItem()
    {
        _flow.A.Add(("subject", "One"));
        _flow.A.Add(("subject", "Two"));
        _flow.B.Add(("title", "Three"));

        await _flow.RunAsync();

        Assert.Equal(new SyncProgress(0, 3), _flow.ProgressReports[0]);
        Assert.Equal(new SyncProgress(3, 3), _flow.ProgressReports[^1]);
        Assert.Equal(4, _flow.ProgressReports.Count);
    }

    [Fact]
    public async Task DuplicateReads_CreateOnce()
    {
        _flow.A.ReturnsDuplicates = true;
        _flow.A.Add(("subject", "VPN drops"));

        var result = await _flow.RunAsync();

        Assert.Equal(1, result.ItemsRead);
        Assert.Equal(1, _flow.B.Creates);
    }

    [Fact]
    public async Task ItemsRead_CountsDistinctItems()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "From A");
        _flow.B.Edit(idB, "body", "From B");

        var result = await _flow.RunAsync();

        Assert.Equal(2, result.ItemsRead);
        Assert.Equal(2, result.ItemsUpdated);
    }
}
