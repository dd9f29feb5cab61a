using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Engine;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Sync.Tests;

public sealed class ValueMapTranslatorTests
{
    private static readonly FieldMapping Status = new(
        "status",
        "state",
        SyncDirection.Both,
        [new("New", "open"), new("In Progress", "open"), new("Closed", "closed")]);

    [Theory]
    [InlineData("New", "open")]
    [InlineData("in progress", "open")]
    [InlineData("CLOSED", "closed")]
    public void ToB_FindsEntryIgnoringCase(string valueA, string expected)
    {
        Assert.Equal(Translation.Of(expected), ValueMapTranslator.ToB(Status, valueA));
    }

    [Theory]
    [InlineData("open", "New")]
    [InlineData("Open", "New")]
    [InlineData("closed", "Closed")]
    public void ToA_TakesFirstEntry(string valueB, string expected)
    {
        Assert.Equal(Translation.Of(expected), ValueMapTranslator.ToA(Status, valueB));
    }

    [Fact]
    public void ToB_UnlistedValue_IsUnmapped()
    {
        Assert.False(ValueMapTranslator.ToB(Status, "Rejected").IsMapped);
    }

    [Fact]
    public void ToA_NullValue_StaysNull()
    {
        Assert.Equal(Translation.Of(null), ValueMapTranslator.ToA(Status, null));
    }

    [Fact]
    public void ToB_EmptyMap_CopiesUnchanged()
    {
        var mapping = new FieldMapping("subject", "title", SyncDirection.Both, []);

        Assert.Equal(Translation.Of("Any Title"), ValueMapTranslator.ToB(mapping, "Any Title"));
    }

    [Fact]
    public void UnmappedUser_NeverTranslates()
    {
        var assignee = new FieldMapping("assignee", "assignee", SyncDirection.Both, []);
        var hidden = UserValues.Unmapped("GitHub", "person0001");

        Assert.Equal(Translation.Unmapped, ValueMapTranslator.ToA(assignee, hidden));
        Assert.Equal(Translation.Unmapped, ValueMapTranslator.ToB(assignee, hidden));
        Assert.Equal(Translation.Of("person0001@example.com"), ValueMapTranslator.ToB(assignee, "person0001@example.com"));
    }
}
