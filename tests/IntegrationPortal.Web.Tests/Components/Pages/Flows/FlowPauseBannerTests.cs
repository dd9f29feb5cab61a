using Bunit;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Web.Components.Pages.Flows;

namespace IntegrationPortal.Web.Tests.Components.Pages.Flows;

/// <summary>The banners of a flow paused by policy, and the row of a throttled run.</summary>
public sealed class FlowPauseBannerTests : PortalTestContext
{
    private const string Reason = "GitHub (connection 'Support GitHub', side B) is blocked in the catalog.";
    private static readonly Guid PausedId = Guid.NewGuid();
    private static readonly Guid ActiveId = Guid.NewGuid();
    private static readonly DateTimeOffset PausedAt = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RetryAt = new(2026, 5, 4, 10, 15, 0, TimeSpan.Zero);

    public FlowPauseBannerTests()
    {
        var paused = new FlowSummaryDto(
            PausedId, "Support bugs", "requester", "redmine", "support", "github", "acme/engine", FlowStatus.Paused,
            null, null, Reason, PausedAt);
        var active = new FlowSummaryDto(
            ActiveId, "Ops tickets", "requester", "redmine", "ops", "github", "acme/ops", FlowStatus.Active, RetryAt, SyncRunStatus.Throttled);
        IReadOnlyList<SyncRunDto> runs =
        [
            new(Guid.NewGuid(), "schedule", PausedAt, PausedAt.AddMinutes(1), SyncRunStatus.Throttled, 5, 2, 0, 0, 0, null,
                "2 of 5 items were processed before the rate limit.", RetryAt),
        ];
        Flows.Flows[PausedId] = new FlowDetailDto(paused, Guid.NewGuid(), [], ConflictRule.MostRecentWins, DeleteRule.UnlinkAndFlag, null, 5, Reason, 1, 0, 0, []);
        Flows.Flows[ActiveId] = new FlowDetailDto(active, Guid.NewGuid(), [], ConflictRule.MostRecentWins, DeleteRule.UnlinkAndFlag, null, 5, null, 1, 2, 0, runs);
    }

    [Fact]
    public void Detail_shows_pause_reason_and_time()
    {
        RenderProviders();
        var cut = Render<FlowDetail>(p => p.Add(c => c.FlowId, PausedId));

        var banner = cut.Find("#flow-pause-reason").TextContent;

        Assert.Contains(Reason, banner, StringComparison.Ordinal);
        Assert.Contains("2026-05-04 09:30:00 UTC", banner, StringComparison.Ordinal);
        Assert.Equal("Resume", cut.Find("#flow-activate").TextContent.Trim());
    }

    [Fact]
    public void List_shows_paused_banner()
    {
        RenderProviders();
        var cut = Render<IntegrationPortal.Web.Components.Pages.Flows.Flows>();

        var items = cut.FindAll("[data-testid=flows-paused-item]");

        Assert.Single(items);
        Assert.Contains("Support bugs", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(Reason, items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("1 flow is paused.", cut.Find("#flows-paused-banner").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Detail_shows_throttled_run_follow_up()
    {
        RenderProviders();
        var cut = Render<FlowDetail>(p => p.Add(c => c.FlowId, ActiveId));

        var message = cut.Find("[data-testid=run-throttled]").TextContent;

        Assert.Empty(cut.FindAll("#flow-pause-reason"));
        Assert.Contains("2 of 5 items were processed", message, StringComparison.Ordinal);
        Assert.Contains("Follow-up run at 2026-05-04 10:15:00 UTC", message, StringComparison.Ordinal);
    }
}
