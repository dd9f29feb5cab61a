using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Engine;
using IntegrationPortal.Sync.Tests.Fakes;

namespace IntegrationPortal.Sync.Tests.Semantics;

public sealed class ConcurrencyTests
{
    private readonly SyncHarness _flow = new();

    public ConcurrencyTests()
    {
        _flow.B.UsesRevisions = true;
    }

    [Fact]
    public async Task Update_SendsRevisionRead()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Edited on A");
        var revision = _flow.B.Item(idB).Version;

        await _flow.RunAsync();

        Assert.NotNull(revision);
        Assert.Equal(revision, Assert.Single(_flow.B.Updates).ExpectedVersion);
    }

    [Fact]
    public async Task StaleRevision_IsReReadAndMerged()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Title from A");
        _flow.B.BeforeNextUpdate = id => _flow.B.Edit(id, "body", "Body edited during the run");

        var result = await _flow.RunAsync();

        Assert.Equal(0, result.ItemsFailed);
        Assert.Equal(2, _flow.B.Updates.Count);
        Assert.Equal("Title from A", _flow.B.Value(idB, "title"));
        Assert.Equal("Body edited during the run", _flow.B.Value(idB, "body"));
        Assert.Equal("Body edited during the run", _flow.A.Value(idA, "description"));
    }

    [Fact]
    public async Task StaleRevision_SameFieldEdited_IsConflict()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Title from A");
        _flow.B.BeforeNextUpdate = id => _flow.B.Edit(id, "title", "Title from B during the run");

        var result = await _flow.RunAsync();

        Assert.Equal(1, result.Conflicts);
        Assert.Equal("Title from A", _flow.B.Value(idB, "title"));
        Assert.Equal("Title from A", _flow.A.Value(idA, "subject"));
    }

    [Fact]
    public async Task StaleRevision_KeepsEarlierWrites()
    {
        _flow.A.UsesRevisions = true;
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Title from A");
        _flow.B.Edit(idB, "body", "Body from B");
        _flow.B.BeforeNextUpdate = id => _flow.B.Edit(id, "labels", "urgent");

        var result = await _flow.RunAsync();

        Assert.Equal(0, result.Conflicts);
        Assert.Equal("Title from A", _flow.B.Value(idB, "title"));
        Assert.Equal("Body from B", _flow.A.Value(idA, "description"));
        Assert.Equal("urgent", _flow.A.Value(idA, "tags"));
        Assert.Contains(_flow.Store.Changes, change => change.TargetSide == "A" && change.Field == "description");
    }

    [Fact]
    public async Task StaleRevision_KeepsConflictResolvedBefore()
    {
        _flow.ConflictRule = ConflictRule.SideBWins;
        _flow.A.UsesRevisions = true;
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Title from A");
        _flow.A.Edit(idA, "description", "Description from A");
        _flow.B.Edit(idB, "title", "Title from B");
        _flow.B.BeforeNextUpdate = id => _flow.B.Edit(id, "labels", "urgent");

        var result = await _flow.RunAsync();

        var conflict = Assert.Single(_flow.Store.Conflicts);
        Assert.Equal(1, result.Conflicts);
        Assert.Equal("subject", conflict.FieldA);
        Assert.Equal("B", conflict.WinningSide);
        Assert.Equal("Title from B", _flow.A.Value(idA, "subject"));
        Assert.Equal("Description from A", _flow.B.Value(idB, "body"));
        Assert.Equal("urgent", _flow.A.Value(idA, "tags"));
    }

    [Fact]
    public async Task StaleRevision_EveryAttempt_FailsItem()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Title from A");
        _flow.B.FailOn(ToolOperation.Update, idB, statusCode: 412);

        var result = await _flow.RunAsync();

        Assert.Equal(1, result.ItemsFailed);
        Assert.Equal(SyncEngine.MaxWriteAttempts, _flow.B.Updates.Count);
        Assert.Equal(_flow.A.Item(idA).UpdatedAt, _flow.Store.CursorA);
    }
}
