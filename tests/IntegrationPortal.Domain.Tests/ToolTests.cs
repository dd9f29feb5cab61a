using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Common;

namespace IntegrationPortal.Domain.Tests;

public sealed class ToolTests
{
    private static readonly DateTimeOffset AddedAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ChangedAt = AddedAt.AddDays(1);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Block_WithoutReason_Throws(string? reason)
    {
        var tool = new Tool(ToolKeys.GitHub, "GitHub", ToolStatus.Approved, AddedAt);

        Assert.Throws<DomainException>(() => tool.ChangeStatus(ToolStatus.Blocked, reason, ChangedAt));

        Assert.Equal(ToolStatus.Approved, tool.Status);
    }

    [Fact]
    public void Block_WithReason_RecordsTrimmedReason()
    {
        var tool = new Tool(ToolKeys.GitHub, "GitHub", ToolStatus.Approved, AddedAt);

        tool.ChangeStatus(ToolStatus.Blocked, " Data residency review pending. ", ChangedAt);

        Assert.Equal(ToolStatus.Blocked, tool.Status);
        Assert.Equal("Data residency review pending.", tool.Reason);
        Assert.Equal(ChangedAt, tool.ChangedAt);
    }

    [Fact]
    public void Approve_WithoutReason_ClearsReason()
    {
        var tool = new Tool(ToolKeys.Redmine, "Redmine", ToolStatus.UnderReview, AddedAt);
        tool.ChangeStatus(ToolStatus.Blocked, "Security review.", AddedAt);

        tool.ChangeStatus(ToolStatus.Approved, null, ChangedAt);

        Assert.Equal(ToolStatus.Approved, tool.Status);
        Assert.Null(tool.Reason);
    }
}
