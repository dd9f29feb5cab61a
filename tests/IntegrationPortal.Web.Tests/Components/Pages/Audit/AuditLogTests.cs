using Bunit;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Web.Components.Pages.Audit;

namespace IntegrationPortal.Web.Tests.Components.Pages.Audit;

public sealed class AuditLogTests : PortalTestContext
{
    [Fact]
    public async Task LoadMore_ContinuesBeforeOldestShown()
    {
        Audit.Pages.Enqueue(new AuditPage(
            [
                new AuditEventDto(42, DateTimeOffset.UnixEpoch, "admin", "request.approved", "request", "r1", "{\"reason\":null}"),
                new AuditEventDto(40, DateTimeOffset.UnixEpoch, "admin", "tool.blocked", "tool", "github", "{}"),
            ],
            HasMore: true));
        Audit.Pages.Enqueue(new AuditPage(
            [new AuditEventDto(12, DateTimeOffset.UnixEpoch, "owner", "user.created", "user", "u1", "{}")],
            HasMore: false));
        var cut = Render<AuditLog>();

        await cut.Find("#audit-load-more").ClickAsync(new());

        Assert.Equal(3, cut.FindAll("[data-testid=audit-row]").Count);
        Assert.Equal(40, Audit.Queries[^1].BeforeId);
        Assert.Empty(cut.FindAll("#audit-load-more"));
    }

    [Fact]
    public async Task Search_SendsFiltersFromFirstPage()
    {
        var cut = Render<AuditLog>();

        cut.Find("#audit-actor").Change(" admin ");
        cut.Find("#audit-action").Change("request.approved");
        cut.Find("#audit-text").Change("   ");
        await cut.Find("#audit-search").ClickAsync(new());

        var query = Audit.Queries[^1];
        Assert.Equal("admin", query.Actor);
        Assert.Equal("request.approved", query.Action);
        Assert.Null(query.Text);
        Assert.Null(query.BeforeId);
    }

    [Fact]
    public async Task DetailsToggle_ShowsIndentedJson()
    {
        Audit.Pages.Enqueue(new AuditPage(
            [new AuditEventDto(7, DateTimeOffset.UnixEpoch, "admin", "flow.paused", "flow", "f1", "{\"reason\":\"maintenance\"}")],
            HasMore: false));
        var cut = Render<AuditLog>();

        await cut.Find("[data-testid=audit-details-toggle]").ClickAsync(new());

        Assert.Contains("\"reason\": \"maintenance\"", cut.Find("[data-testid=audit-details]").TextContent);
    }
}
