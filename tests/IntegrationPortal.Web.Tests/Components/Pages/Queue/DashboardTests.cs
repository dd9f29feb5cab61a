using Bunit;
using IntegrationPortal.Application.Requests.Backlog;
using IntegrationPortal.Domain.Requests;
using DashboardPage = IntegrationPortal.Web.Components.Pages.Queue.Dashboard;

namespace IntegrationPortal.Web.Tests.Components.Pages.Queue;

public sealed class DashboardTests : PortalTestContext
{
    [Fact]
    public void Dashboard_shows_medians_share_and_counts()
    {
        BacklogDashboard.Dashboard = new BacklogDashboard(
            DateTimeOffset.UnixEpoch,
            [new("under 2 days", 4), new("2 to 5 days", 1)],
            [new("github+redmine", 5)],
            [new(RequestStatus.Submitted, 3), new(RequestStatus.InReview, 2), new(RequestStatus.NeedsInformation, 0)],
            [new(new DateOnly(2026, 11, 16), 2)],
            TimeSpan.FromHours(36),
            null,
            Approved: 4,
            ApprovedByTemplate: 1);

        RenderProviders();
        var cut = Render<DashboardPage>();

        Assert.Equal("1.5 days", cut.Find("[data-testid=dashboard-median-approval]").TextContent.Trim());
        Assert.Equal("—", cut.Find("[data-testid=dashboard-median-live]").TextContent.Trim());
        Assert.Equal("25 % of 4", cut.Find("[data-testid=dashboard-template-share]").TextContent.Trim());
        Assert.Contains("Open, waiting under 2 days", cut.Find("[data-testid=dashboard-table]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("svg"));
    }
}
