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

    [Theory]
    [InlineData("Jira")]
    [InlineData("1password")]
    [InlineData("azure devops")]
    [InlineData("")]
    public void New_WithInvalidKey_Throws(string key)
    {
        Assert.Throws<DomainException>(() => new Tool(key, "Some tool", ToolStatus.UnderReview, AddedAt));
    }

    [Theory]
    [InlineData("jira")]
    [InlineData("azure-devops")]
    [InlineData("google-sheets")]
    public void New_WithValidKey_Succeeds(string key)
    {
        var tool = new Tool(key, "Some tool", ToolStatus.UnderReview, AddedAt);

        Assert.Equal(key, tool.Key);
    }

    [Fact]
    public void ReviewOverdue_OnlyAfterReviewDate()
    {
        var tool = new Tool("jira", "Jira", ToolStatus.UnderReview, AddedAt);
        tool.ScheduleReview(new DateOnly(2026, 6, 1), ChangedAt);

        Assert.False(tool.IsReviewOverdue(new DateOnly(2026, 5, 31)));
        Assert.False(tool.IsReviewOverdue(new DateOnly(2026, 6, 1)));
        Assert.True(tool.IsReviewOverdue(new DateOnly(2026, 6, 2)));
    }

    [Fact]
    public void ReviewOverdue_WithoutDate_IsFalse()
    {
        var tool = new Tool("jira", "Jira", ToolStatus.UnderReview, AddedAt);

        Assert.False(tool.IsReviewOverdue(new DateOnly(2099, 1, 1)));
    }

    [Fact]
    public void AssignOwner_Null_ClearsName()
    {
        var tool = new Tool("jira", "Jira", ToolStatus.UnderReview, AddedAt);
        tool.AssignOwner("u-olga", " olga@example.com ", AddedAt);

        tool.AssignOwner(null, null, ChangedAt);

        Assert.Null(tool.OwnerId);
        Assert.Null(tool.OwnerName);
    }

    [Fact]
    public void ExplainDecision_BlockedWithoutReason_Throws()
    {
        var tool = new Tool(ToolKeys.GitHub, "GitHub", ToolStatus.Approved, AddedAt);
        tool.ChangeStatus(ToolStatus.Blocked, "Token leak.", ChangedAt);

        Assert.Throws<DomainException>(() => tool.ExplainDecision("  ", ChangedAt));

        Assert.Equal("Token leak.", tool.Reason);
    }
}
