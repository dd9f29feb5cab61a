using Bunit;
using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Web.Components.Pages.Catalog;

namespace IntegrationPortal.Web.Tests.Components.Pages.Catalog;

public sealed class ToolTableTests : PortalTestContext
{
    private static readonly StatusChangeFlowDto SupportFlow =
        new(Guid.NewGuid(), "Support to engineering", "rita@example.com", FlowStatus.Active, null);

    [Fact]
    public async Task BlockDialog_ListsFlowsBeforeConfirm()
    {
        Catalog.AffectedFlows.Add(SupportFlow);
        var providers = RenderProviders();
        var cut = Render<ToolTable>(p => p.Add(t => t.Tools, Catalog.Tools));

        var opening = cut.Find("#tool-github-blocked").ClickAsync(new());
        var rows = providers.WaitForElements(".status-preview-row");

        var row = Assert.Single(rows);
        Assert.Contains("Support to engineering", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("rita@example.com", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Block and pause 1 flow(s)", providers.Find("#reason-confirm").TextContent, StringComparison.Ordinal);
        await providers.Find("#reason-cancel").ClickAsync(new());
        await opening;
        Assert.Empty(Catalog.StatusChanges);
    }

    [Fact]
    public async Task BlockDialog_RequiresReason()
    {
        var providers = RenderProviders();
        var cut = Render<ToolTable>(p => p.Add(t => t.Tools, Catalog.Tools));

        var opening = cut.Find("#tool-github-blocked").ClickAsync(new());
        await providers.WaitForElement("#reason-confirm").ClickAsync(new());
        Assert.Contains("Give a reason for blocking the tool.", providers.Markup, StringComparison.Ordinal);
        Assert.Empty(Catalog.StatusChanges);

        providers.Find("#reason-text").Input("Token leak under investigation.");
        await providers.Find("#reason-confirm").ClickAsync(new());
        await opening;

        var change = Assert.Single(Catalog.StatusChanges);
        Assert.Equal(ToolKeys.GitHub, change.ToolKey);
        Assert.Equal(ToolStatus.Blocked, change.Status);
        Assert.Equal("Token leak under investigation.", change.Reason);
    }

    [Fact]
    public async Task ApproveDialog_ListsFlowsToResume()
    {
        Catalog.Tools[1] = Catalog.Tools[1] with { Status = ToolStatus.Blocked, Reason = "Token leak." };
        Catalog.AffectedFlows.Add(SupportFlow with { Status = FlowStatus.Paused });
        var providers = RenderProviders();
        var cut = Render<ToolTable>(p => p.Add(t => t.Tools, Catalog.Tools));

        var opening = cut.Find("#tool-github-approved").ClickAsync(new());
        var row = Assert.Single(providers.WaitForElements(".status-preview-row"));

        Assert.Contains("Support to engineering", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("resumes these 1 flow(s)", providers.Find("#status-summary").TextContent, StringComparison.Ordinal);
        await providers.Find("#reason-cancel").ClickAsync(new());
        await opening;
    }

    [Fact]
    public async Task BlockDialog_ListsOpenRequests()
    {
        Catalog.AffectedRequests.Add(new StatusChangeRequestDto(Guid.NewGuid(), "Customer bugs to engineering", "rita@example.com", RequestStatus.InReview));
        var providers = RenderProviders();
        var cut = Render<ToolTable>(p => p.Add(t => t.Tools, Catalog.Tools));

        var opening = cut.Find("#tool-github-blocked").ClickAsync(new());
        var row = Assert.Single(providers.WaitForElements(".status-request-row"));

        Assert.Contains("Customer bugs to engineering", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("rita@example.com", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 open request(s)", providers.Find("#status-requests-summary").TextContent, StringComparison.Ordinal);
        await providers.Find("#reason-cancel").ClickAsync(new());
        await opening;
    }

    [Fact]
    public void Table_MarksOverdueReview()
    {
        Catalog.Tools[0] = Catalog.Tools[0] with { ReviewDate = new DateOnly(2026, 1, 5), ReviewOverdue = true, OwnerName = "olga@example.com" };
        Catalog.Tools[1] = Catalog.Tools[1] with { ReviewDate = new DateOnly(2027, 1, 5) };
        Catalog.Tools.Add(new ToolDto("jira", "Jira", ToolStatus.UnderReview, null, DateTimeOffset.UnixEpoch));
        RenderProviders();

        var cut = Render<ToolTable>(p => p.Add(t => t.Tools, Catalog.Tools));

        var reviews = cut.FindAll("[data-testid=tool-review]");
        Assert.Single(cut.FindAll("[data-testid=tool-review-overdue]"));
        Assert.Contains("2026-01-05", reviews[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Overdue", reviews[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Overdue", reviews[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("olga@example.com", cut.FindAll("[data-testid=tool-owner]")[0].TextContent.Trim());
        Assert.Single(cut.FindAll("[data-testid=tool-no-connector]"));
    }

    [Fact]
    public async Task AddDialog_SendsCatalogEntry()
    {
        Catalog.OwnerCandidates.Add(new ToolOwnerDto("u-olga", "olga@example.com"));
        var providers = RenderProviders();
        var cut = Render<ToolTable>(p => p.Add(t => t.Tools, Catalog.Tools));

        var opening = cut.Find("#tool-add").ClickAsync(new());
        providers.WaitForElement("#tool-key").Input("azure-devops");
        providers.Find("#tool-name").Input("Azure DevOps");
        await providers.SelectAsync("tool-owner", "u-olga");
        await providers.Find("#tool-save").ClickAsync(new());
        await opening;

        var added = Assert.Single(Catalog.Added);
        Assert.Equal("azure-devops", added.Key);
        Assert.Equal("Azure DevOps", added.Name);
        Assert.Equal("u-olga", added.OwnerId);
        Assert.Equal(ToolStatus.UnderReview, added.Status);
    }
}
