using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Tests.Fakes;

namespace IntegrationPortal.Sync.Tests.Semantics;

public sealed class ConflictRecordTests
{
    private readonly SyncHarness _flow = new();

    [Fact]
    public async Task MappingRule_OverridesFlowRule()
    {
        _flow.ConflictRule = ConflictRule.SideAWins;
        _flow.Mappings[0] = _flow.Mappings[0] with { ConflictRule = ConflictRule.SideBWins };
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Subject from A");
        _flow.A.Edit(idA, "description", "Description from A");
        _flow.B.Edit(idB, "title", "Title from B");
        _flow.B.Edit(idB, "body", "Body from B");

        var result = await _flow.RunAsync();

        Assert.Equal(2, result.Conflicts);
        Assert.Equal("Title from B", _flow.A.Value(idA, "subject"));
        Assert.Equal("Description from A", _flow.B.Value(idB, "body"));
    }

    [Fact]
    public async Task MappingWithoutRule_UsesFlowRule()
    {
        _flow.ConflictRule = ConflictRule.SideBWins;
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Subject from A");
        _flow.B.Edit(idB, "title", "Title from B");

        await _flow.RunAsync();

        Assert.Equal("Title from B", _flow.A.Value(idA, "subject"));
        Assert.Equal(ConflictRule.SideBWins, Assert.Single(_flow.Store.Conflicts).Rule);
    }

    [Fact]
    public async Task Conflict_RecordsBothValuesAuthorsAndTimes()
    {
        _flow.ConflictRule = ConflictRule.MostRecentWins;
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Edit(idA, "subject", "Subject from A", author: "alice");
        var editedAtA = _flow.A.Item(idA).UpdatedAt;
        _flow.Wait();
        _flow.B.Edit(idB, "title", "Title from B", author: "bob");
        var editedAtB = _flow.B.Item(idB).UpdatedAt;

        await _flow.RunAsync();

        var conflict = Assert.Single(_flow.Store.Conflicts);
        Assert.Equal(idA, conflict.ItemIdA);
        Assert.Equal(idB, conflict.ItemIdB);
        Assert.Equal("subject", conflict.FieldA);
        Assert.Equal("title", conflict.FieldB);
        Assert.Equal("Subject from A", conflict.ValueA);
        Assert.Equal("Title from B", conflict.ValueB);
        Assert.Equal("alice", conflict.AuthorA);
        Assert.Equal("bob", conflict.AuthorB);
        Assert.Equal(editedAtA, conflict.ChangedAtA);
        Assert.Equal(editedAtB, conflict.ChangedAtB);
        Assert.Equal(ConflictRule.MostRecentWins, conflict.Rule);
        Assert.Equal("B", conflict.WinningSide);
    }
}
