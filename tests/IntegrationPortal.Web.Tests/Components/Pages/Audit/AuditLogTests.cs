using Bunit;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Web.Components.Pages.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Web.Tests.Components.Pages.Audit;

public sealed class AuditLogTests : PortalTestContext
{
    [Fact]
    public async Task Older_continues_below_oldest_shown()
    {
        Audit.Pages.Enqueue(new AuditPage(
            [
                new AuditEventDto(42, DateTimeOffset.UnixEpoch, "admin", "request.approved", "request", "r1", "{\"reason\":null}"),
                new AuditEventDto(40, DateTimeOffset.UnixEpoch, "admin", "tool.blocked", "tool", "github", "{}"),
            ],
            HasOlder: true,
            HasNewer: false));
        Audit.Pages.Enqueue(new AuditPage(
            [new AuditEventDto(12, DateTimeOffset.UnixEpoch, "owner", "user.created", "user", "u1", "{}")],
            HasOlder: false,
            HasNewer: true));
        var cut = Render<AuditLog>();

        await cut.Find("#audit-older").ClickAsync(new());

        Assert.Single(cut.FindAll("[data-testid=audit-row]"));
        Assert.Equal(40, Audit.Queries[^1].BeforeId);
        Assert.Contains("before=40", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        Assert.True(cut.Find("#audit-older").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Search_puts_filters_in_url()
    {
        var cut = Render<AuditLog>();

        cut.Find("#audit-actor").Change(" admin ");
        cut.Find("#audit-action").Change("request.approved");
        cut.Find("#audit-from").Change("2026-03-01");
        cut.Find("#audit-text").Change("   ");
        await cut.Find("#audit-search").ClickAsync(new());

        var query = Audit.Queries[^1];
        Assert.Equal("admin", query.Filter.Actor);
        Assert.Equal("request.approved", query.Filter.Action);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), query.Filter.From);
        Assert.Null(query.Filter.Text);
        Assert.Null(query.BeforeId);
        Assert.Contains("actor=admin", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_filter_loads_first_page()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/audit?actor=ivan&to=2026-03-01&after=7");

        Render<AuditLog>();

        var query = Audit.Queries[^1];
        Assert.Equal("ivan", query.Filter.Actor);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), query.Filter.To);
        Assert.Equal(7, query.AfterId);
    }

    [Fact]
    public async Task Details_show_json_and_before_after()
    {
        Audit.Pages.Enqueue(new AuditPage(
            [
                new AuditEventDto(
                    7,
                    DateTimeOffset.UnixEpoch,
                    "sync",
                    "item.synced",
                    "flow",
                    "f1",
                    "{\"changes\":[{\"side\":\"B\",\"itemId\":\"12\",\"field\":\"title\",\"old\":\"Jam\",\"new\":\"Printer jam\"}]}"),
            ],
            HasOlder: false,
            HasNewer: false));
        var cut = Render<AuditLog>();

        await cut.Find("[data-testid=audit-details-toggle]").ClickAsync(new());

        Assert.Contains("\"field\": \"title\"", cut.Find("[data-testid=audit-details]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Jam", cut.Find(".audit-before").TextContent);
        Assert.Equal("Printer jam", cut.Find(".audit-after").TextContent);
    }
}
