using Bunit;
using IntegrationPortal.Application.Conflicts;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Web.Components.Pages.Flows;

namespace IntegrationPortal.Web.Tests.Components.Pages.Flows;

public sealed class FlowDetailTests : PortalTestContext
{
    private static readonly Guid FlowId = Guid.NewGuid();

    public FlowDetailTests()
    {
        var summary = new FlowSummaryDto(
            FlowId, "Support bugs", "requester", "redmine", "support", "github", "acme/engine", FlowStatus.Active,
            DateTimeOffset.UnixEpoch.AddMinutes(10), SyncRunStatus.Failed);
        IReadOnlyList<SyncRunDto> runs =
        [
            new(Guid.NewGuid(), "manual", DateTimeOffset.UnixEpoch.AddMinutes(10), DateTimeOffset.UnixEpoch.AddMinutes(11),
                SyncRunStatus.Failed, 4, 0, 1, 0, 1, "Status \"Feedback\" has no value map entry.", "GitHub answered 502."),
            new(Guid.NewGuid(), "schedule", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1),
                SyncRunStatus.Succeeded, 7, 3, 2, 1, 0, null, null),
        ];
        Flows.Flows[FlowId] = new FlowDetailDto(
            summary,
            Guid.NewGuid(),
            [
                new FieldMapping("title", "title", SyncDirection.Both, []),
                new FieldMapping("status", "status", SyncDirection.Both, [], ConflictRule.SideAWins),
            ],
            ConflictRule.MostRecentWins,
            DeleteRule.UnlinkAndFlag,
            new ItemScope(ScopeSide.A, "tags", "sync"),
            5,
            null,
            1,
            3,
            2,
            runs);
    }

    [Fact]
    public void Detail_ShowsDeleteRuleFilterAndFlaggedLinks()
    {
        RenderProviders();
        var cut = Render<FlowDetail>(p => p.Add(c => c.FlowId, FlowId));

        Assert.Contains("Unlink and flag", cut.Find("#flow-delete-rule").TextContent);
        Assert.Contains("Side A items whose tags contains \"sync\"", cut.Find("#flow-scope").TextContent);
        Assert.StartsWith("2", cut.Find("#flow-flagged-links").TextContent.Trim());
    }

    [Fact]
    public void Detail_ShowsMappingConflictRules()
    {
        RenderProviders();
        var cut = Render<FlowDetail>(p => p.Add(c => c.FlowId, FlowId));

        var rows = cut.FindAll("[data-testid=flow-mapping-row]");

        Assert.Contains("Flow default", rows[0].TextContent);
        Assert.Contains("Side A wins", rows[1].TextContent);
    }

    [Fact]
    public void Detail_ShowsRuns()
    {
        RenderProviders();
        var cut = Render<FlowDetail>(p => p.Add(c => c.FlowId, FlowId));

        var rows = cut.FindAll("[data-testid=run-row]");

        Assert.Equal(2, rows.Count);
        Assert.Equal("Failed", rows[0].QuerySelector("[data-testid=run-status]")!.TextContent.Trim());
        Assert.Equal("4", rows[0].QuerySelector("[data-testid=run-read]")!.TextContent);
        Assert.Contains("GitHub answered 502.", rows[0].QuerySelector("[data-testid=run-messages]")!.TextContent);
        Assert.Contains("no value map entry", rows[0].QuerySelector("[data-testid=run-messages]")!.TextContent);
        Assert.Equal("3", rows[1].QuerySelector("[data-testid=run-created]")!.TextContent);
        Assert.Equal("2", rows[1].QuerySelector("[data-testid=run-updated]")!.TextContent);
        Assert.Equal("1", rows[1].QuerySelector("[data-testid=run-conflicts]")!.TextContent);
    }

    [Fact]
    public void Detail_ShowsOpenConflicts()
    {
        Conflicts.Open.Add(new ConflictDto(
            Guid.NewGuid(), FlowId, Guid.NewGuid(), "7", "8", "title", "title", "Printer", "Printers", null, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, ConflictRule.SideAWins, "A", DateTimeOffset.UnixEpoch, [], true));
        RenderProviders();

        var cut = Render<FlowDetail>(p => p.Add(c => c.FlowId, FlowId));

        Assert.Equal("1", cut.Find("#conflict-count").TextContent.Trim());
        Assert.Single(cut.FindAll("[data-testid=conflict-row]"));
    }

    [Fact]
    public void Auditor_SeesNoFlowActions()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("auditor@example.com");
        authorization.SetRoles(Roles.Auditor);
        RenderProviders();

        var cut = Render<FlowDetail>(p => p.Add(c => c.FlowId, FlowId));

        Assert.Empty(cut.FindAll("#flow-activate"));
        Assert.Empty(cut.FindAll("#flow-pause"));
        Assert.Empty(cut.FindAll("#flow-run-now"));
    }

    [Fact]
    public async Task RunNow_CallsService()
    {
        RenderProviders();
        var cut = Render<FlowDetail>(p => p.Add(c => c.FlowId, FlowId));

        await cut.Find("#flow-run-now").ClickAsync(new());

        Assert.Equal([$"run {FlowId}"], Flows.Calls);
    }

    [Fact]
    public async Task Pause_SendsReason()
    {
        var providers = RenderProviders();
        var cut = Render<FlowDetail>(p => p.Add(c => c.FlowId, FlowId));

        // The click's handler waits for the dialog, so it finishes only once the dialog closes.
        var pausing = cut.Find("#flow-pause").ClickAsync(new());
        providers.WaitForElement("#reason-text").Input("Maintenance window");
        await providers.Find("#reason-confirm").ClickAsync(new());
        await pausing;

        Assert.Equal([$"pause {FlowId} Maintenance window"], Flows.Calls);
    }
}
