using IntegrationPortal.Application.Policies;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;

namespace IntegrationPortal.Infrastructure.Tests.Requests;

public sealed class ScreeningFindingsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Findings_name_reviewed_tool_once()
    {
        var github = new Tool(ToolKeys.GitHub, "GitHub", ToolStatus.UnderReview, At);
        var redmine = new Tool(ToolKeys.Redmine, "Redmine", ToolStatus.Approved, At);
        var verdict = new PolicyVerdict(
        [
            new PolicyViolation("GitHub is still under review in the tool catalog; flows may connect to it once IT approves it.", nameof(PolicySubject.ToolA)),
            new PolicyViolation("Redmine never syncs its field 'priority'.", "priority"),
        ]);
        var result = new ScreeningResult(github, redmine, verdict, null);

        var findings = result.Findings(ToolKeys.GitHub, ToolKeys.Redmine);

        Assert.Equal(
            ["GitHub is still under review in the tool catalog.", "Redmine never syncs its field 'priority'."],
            findings);
    }
}
