using Bunit;
using IntegrationPortal.Application.Requests.Backlog;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;
using QueuePage = IntegrationPortal.Web.Components.Pages.Queue.Queue;

namespace IntegrationPortal.Web.Tests.Components.Pages.Queue;

public sealed class QueueTests : PortalTestContext
{
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();
    private static readonly Guid Waiting = Guid.NewGuid();
    private static readonly Guid Single = Guid.NewGuid();

    public QueueTests()
    {
        Backlog.View = new BacklogView(
        [
            new RequestGroupDto(
                First,
                "github+redmine",
                "bug customer report",
                [
                    Request(First, "rita@example.com", "Customer bug reports to issues", RequestStatus.Submitted, SlaState.Overdue, ["Field 'priority' is not in the template."]),
                    Request(Second, "sam@example.com", "Customer bug reports for the app team", RequestStatus.InReview, SlaState.DueSoon, []),
                    Request(Waiting, "tom@example.com", "Customer bug reports", RequestStatus.NeedsInformation, SlaState.NotApplicable, []),
                ],
                TimeSpan.FromDays(6),
                SlaState.Overdue),
            new RequestGroupDto(
                Single,
                "redmine+redmine",
                "note release wiki",
                [Request(Single, "uma@example.com", "Release notes to the wiki", RequestStatus.Submitted, SlaState.OnTrack, [])],
                TimeSpan.FromDays(1),
                SlaState.OnTrack),
        ],
            ReviewSlaDays: 5);
    }

    [Fact]
    public void Queue_shows_groups_and_decisions_needed()
    {
        RenderProviders();
        var cut = Render<QueuePage>();

        Assert.Equal(2, cut.FindAll("[data-testid=queue-group]").Count);
        Assert.Equal(["bug customer report", "note release wiki"], cut.FindAll("[data-testid=queue-group-label]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["3 look-alike requests", "Single request"], cut.FindAll("[data-testid=queue-group-count]").Select(e => e.TextContent.Trim()));
        Assert.Contains("4 open requests in 2 decisions", cut.Find("[data-testid=queue-summary]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Overdue", "Due soon", "Waiting for requester", "On track"], cut.FindAll("[data-testid=queue-sla]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["6 d", "6 d", "6 d", "1 d"], cut.FindAll("[data-testid=queue-age]").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public void Queue_highlights_template_differences()
    {
        RenderProviders();
        var cut = Render<QueuePage>();

        var difference = Assert.Single(cut.FindAll("[data-testid=queue-difference]"));
        Assert.Equal("Field 'priority' is not in the template.", difference.TextContent.Trim());
        Assert.Contains("mud-chip-color-warning", difference.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_group_confirms_changes_and_skips_before_applying()
    {
        var providers = RenderProviders();
        var cut = Render<QueuePage>();

        var approving = cut.FindAll("[data-testid=queue-group-approve]")[0].ClickAsync(new());
        var changes = providers.WaitForElements("[data-testid=confirm-change]");

        Assert.Equal(2, changes.Count);
        Assert.Contains("Customer bug reports to issues", changes[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Submitted", changes[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("In review", changes[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("tom@example.com", Assert.Single(providers.FindAll("[data-testid=confirm-skip]")).TextContent, StringComparison.Ordinal);
        Assert.Empty(Backlog.Applied);

        await providers.Find("#confirm-apply").ClickAsync(new());
        await approving;

        var (preview, command) = Assert.Single(Backlog.Applied);
        Assert.Equal(BacklogAction.Approve, command.Action);
        Assert.Equal([First, Second], preview.Changes.Select(c => c.RequestId));
        Assert.Equal([First, Second, Waiting], Assert.Single(Backlog.Previewed).RequestIds);
    }

    [Fact]
    public async Task Reject_group_requires_reason()
    {
        var providers = RenderProviders();
        var cut = Render<QueuePage>();

        var rejecting = cut.FindAll("[data-testid=queue-group-reject]")[0].ClickAsync(new());
        await providers.WaitForElement("#confirm-apply").ClickAsync(new());

        Assert.Contains("Give the requesters a reason for the rejection.", providers.Markup, StringComparison.Ordinal);
        Assert.Empty(Backlog.Applied);

        providers.Find("#confirm-reason").Input("Use the approved bug template instead.");
        await providers.Find("#confirm-apply").ClickAsync(new());
        await rejecting;

        var (_, command) = Assert.Single(Backlog.Applied);
        Assert.Equal(BacklogAction.Reject, command.Action);
        Assert.Equal("Use the approved bug template instead.", command.Reason);
    }

    [Fact]
    public async Task Turn_into_template_suggests_name_from_label()
    {
        var providers = RenderProviders();
        var cut = Render<QueuePage>();

        var turning = cut.FindAll("[data-testid=queue-group-template]")[0].ClickAsync(new());
        await providers.WaitForElement("#confirm-apply").ClickAsync(new());
        await turning;

        var (_, command) = Assert.Single(Backlog.Applied);
        Assert.Equal(BacklogAction.TurnIntoTemplate, command.Action);
        Assert.Equal("Bug customer report (github ↔ redmine)", command.TemplateName);
    }

    [Fact]
    public async Task Cancel_applies_nothing()
    {
        var providers = RenderProviders();
        var cut = Render<QueuePage>();

        var approving = cut.FindAll("[data-testid=queue-group-approve]")[1].ClickAsync(new());
        await providers.WaitForElement("#confirm-cancel").ClickAsync(new());
        await approving;

        Assert.Single(Backlog.Previewed);
        Assert.Empty(Backlog.Applied);
    }

    [Fact]
    public async Task Selection_decides_only_selected_requests()
    {
        var providers = RenderProviders();
        var cut = Render<QueuePage>();

        cut.FindAll("input[data-testid=queue-select]")[0].Change(true);
        cut.FindAll("input[data-testid=queue-select]")[3].Change(true);
        Assert.Contains("2 selected", cut.Find("[data-testid=queue-selection]").TextContent, StringComparison.Ordinal);

        var approving = cut.Find("[data-testid=queue-selection-approve]").ClickAsync(new());
        await providers.WaitForElement("#confirm-apply").ClickAsync(new());
        await approving;

        Assert.Equal(new[] { First, Single }.Order(), Assert.Single(Backlog.Previewed).RequestIds.Order());
        Assert.Equal(2, Assert.Single(Backlog.Applied).Preview.Changes.Count);
    }

    [Fact]
    public async Task Filter_reloads_with_status()
    {
        RenderProviders();
        var cut = Render<QueuePage>();

        await cut.SelectAsync<QueuePage, RequestStatus?>("filter-status", RequestStatus.InReview);

        Assert.Equal(RequestStatus.InReview, Backlog.Filters[^1].Status);
    }

    private static BacklogRequestDto Request(Guid id, string requester, string useCase, RequestStatus status, SlaState sla, IReadOnlyList<string> differences) => new(
        id, requester, ToolKeys.Redmine, ToolKeys.GitHub, useCase, string.Empty, "title, status", SyncDirection.Both,
        "Bugs are copied by hand today.", status, DateTimeOffset.UnixEpoch, status == RequestStatus.Submitted && sla == SlaState.OnTrack ? TimeSpan.FromDays(1) : TimeSpan.FromDays(6),
        sla, null, null, differences.Count == 0 ? null : "Bugs to issues", differences);
}
