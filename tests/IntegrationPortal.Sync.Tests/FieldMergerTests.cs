using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;

namespace IntegrationPortal.Sync.Tests;

public sealed class FieldMergerTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Earlier.AddMinutes(1);

    private static readonly FieldMapping StatusMapping = new(
        "status",
        "state",
        SyncDirection.Both,
        [new("New", "open"), new("In Progress", "open"), new("Closed", "closed")]);

    [Theory]
    // direction, A, base A, B, base B, rule, A is more recent, expected action, expected value, conflict
    [InlineData(SyncDirection.Both, "x", "x", "x", "x", ConflictRule.SideAWins, false, FieldMergeAction.NoChange, null, false)]
    [InlineData(SyncDirection.Both, "y", "x", "x", "x", ConflictRule.SideAWins, false, FieldMergeAction.CopyToB, "y", false)]
    [InlineData(SyncDirection.Both, "x", "x", "y", "x", ConflictRule.SideAWins, false, FieldMergeAction.CopyToA, "y", false)]
    [InlineData(SyncDirection.Both, "y", "x", "y", "x", ConflictRule.SideAWins, false, FieldMergeAction.MoveBase, null, false)]
    [InlineData(SyncDirection.Both, "a", "x", "b", "x", ConflictRule.SideAWins, false, FieldMergeAction.CopyToB, "a", true)]
    [InlineData(SyncDirection.Both, "a", "x", "b", "x", ConflictRule.SideBWins, true, FieldMergeAction.CopyToA, "b", true)]
    [InlineData(SyncDirection.Both, "a", "x", "b", "x", ConflictRule.MostRecentWins, true, FieldMergeAction.CopyToB, "a", true)]
    [InlineData(SyncDirection.Both, "a", "x", "b", "x", ConflictRule.MostRecentWins, false, FieldMergeAction.CopyToA, "b", true)]
    [InlineData(SyncDirection.AToB, "x", "x", "y", "x", ConflictRule.SideAWins, false, FieldMergeAction.NoChange, null, false)]
    [InlineData(SyncDirection.AToB, "a", "x", "b", "x", ConflictRule.SideBWins, false, FieldMergeAction.CopyToB, "a", false)]
    [InlineData(SyncDirection.BToA, "y", "x", "x", "x", ConflictRule.SideAWins, false, FieldMergeAction.NoChange, null, false)]
    [InlineData(SyncDirection.BToA, "a", "x", "b", "x", ConflictRule.SideAWins, false, FieldMergeAction.CopyToA, "b", false)]
    [InlineData(SyncDirection.Both, "y", "x", "y", "z", ConflictRule.SideAWins, false, FieldMergeAction.MoveBase, null, false)]
    [InlineData(SyncDirection.Both, "y", "x", "y", "y", ConflictRule.SideAWins, false, FieldMergeAction.MoveBase, null, false)]
    [InlineData(SyncDirection.Both, " x ", "x", "x", "x", ConflictRule.SideAWins, false, FieldMergeAction.NoChange, null, false)]
    [InlineData(SyncDirection.Both, "", null, null, null, ConflictRule.SideAWins, false, FieldMergeAction.NoChange, null, false)]
    [InlineData(SyncDirection.Both, null, "x", "x", "x", ConflictRule.SideAWins, false, FieldMergeAction.CopyToB, null, false)]
    [InlineData(SyncDirection.Both, "x", null, null, null, ConflictRule.SideAWins, false, FieldMergeAction.CopyToB, "x", false)]
    public void Merge_TextField(
        SyncDirection direction,
        string? valueA,
        string? baseA,
        string? valueB,
        string? baseB,
        ConflictRule rule,
        bool aIsMoreRecent,
        FieldMergeAction expectedAction,
        string? expectedValue,
        bool expectedConflict)
    {
        var mapping = new FieldMapping("subject", "title", direction, []);
        var a = new FieldSnapshot(valueA, baseA, FieldKind.Text, aIsMoreRecent ? Later : Earlier);
        var b = new FieldSnapshot(valueB, baseB, FieldKind.Text, aIsMoreRecent ? Earlier : Later);

        var decision = FieldMerger.Merge(mapping, a, b, rule);

        Assert.Equal(expectedAction, decision.Action);
        Assert.Equal(expectedValue, decision.Value);
        Assert.Equal(expectedConflict, decision.WasConflict);
    }

    [Theory]
    // A, base A, B, base B, expected action, expected value
    [InlineData("Closed", "New", "open", "open", FieldMergeAction.CopyToB, "closed")]
    [InlineData("New", "New", "closed", "open", FieldMergeAction.CopyToA, "Closed")]
    [InlineData("Closed", "Closed", "open", "closed", FieldMergeAction.CopyToA, "New")]
    [InlineData("In Progress", "New", "open", "open", FieldMergeAction.MoveBase, null)]
    [InlineData("In Progress", "New", "open", "closed", FieldMergeAction.MoveBase, null)]
    [InlineData("Closed", "New", "closed", "open", FieldMergeAction.MoveBase, null)]
    [InlineData("closed", "New", "open", "open", FieldMergeAction.CopyToB, "closed")]
    [InlineData("Rejected", "New", "open", "open", FieldMergeAction.Unmapped, "Rejected")]
    [InlineData("New", "New", "draft", "open", FieldMergeAction.Unmapped, "draft")]
    public void Merge_ValueMap(
        string valueA,
        string baseA,
        string valueB,
        string baseB,
        FieldMergeAction expectedAction,
        string? expectedValue)
    {
        var a = new FieldSnapshot(valueA, baseA, FieldKind.Choice, Earlier);
        var b = new FieldSnapshot(valueB, baseB, FieldKind.Choice, Earlier);

        var decision = FieldMerger.Merge(StatusMapping, a, b, ConflictRule.SideAWins);

        Assert.Equal(expectedAction, decision.Action);
        Assert.Equal(expectedValue, decision.Value);
    }

    [Fact]
    public void Merge_UnmappedNamesSourceField()
    {
        var a = new FieldSnapshot("New", "New", FieldKind.Choice, Earlier);
        var b = new FieldSnapshot("draft", "open", FieldKind.Choice, Earlier);

        var decision = FieldMerger.Merge(StatusMapping, a, b, ConflictRule.SideAWins);

        Assert.Equal("state", decision.UnmappedField);
    }

    [Fact]
    public void Merge_LabelsReordered_IsNoChange()
    {
        var mapping = new FieldMapping("tags", "labels", SyncDirection.Both, []);
        var a = new FieldSnapshot("b,a", "a, b", FieldKind.Labels, Earlier);
        var b = new FieldSnapshot("a, b", "a, b", FieldKind.Labels, Earlier);

        var decision = FieldMerger.Merge(mapping, a, b, ConflictRule.SideAWins);

        Assert.Equal(FieldMergeAction.NoChange, decision.Action);
    }

    [Fact]
    public void Merge_RichTextLineEndings_IsNoChange()
    {
        var mapping = new FieldMapping("description", "body", SyncDirection.Both, []);
        var a = new FieldSnapshot("One \r\nTwo\r\n\r\n", "One\nTwo", FieldKind.RichText, Earlier);
        var b = new FieldSnapshot("One\nTwo", "One\nTwo", FieldKind.RichText, Earlier);

        var decision = FieldMerger.Merge(mapping, a, b, ConflictRule.SideAWins);

        Assert.Equal(FieldMergeAction.NoChange, decision.Action);
    }
}
