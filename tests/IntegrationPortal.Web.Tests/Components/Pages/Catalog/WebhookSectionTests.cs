using Bunit;
using IntegrationPortal.Application.Webhooks;
using IntegrationPortal.Web.Components.Pages.Catalog;
using IntegrationPortal.Web.Tests.Fakes;

namespace IntegrationPortal.Web.Tests.Components.Pages.Catalog;

public sealed class WebhookSectionTests : PortalTestContext
{
    private static readonly Guid ConnectionId = Guid.Parse("6f1d2c3b-4a59-4e87-9a1b-2c3d4e5f6a7b");

    [Fact]
    public async Task Enable_ShowsUrlAndSecretOnce()
    {
        Webhooks.Statuses.Add(new WebhookStatusDto(ConnectionId, "Support GitHub", false, null, 0, null));
        RenderProviders();
        var cut = Render<WebhookSection>();

        await cut.Find("[data-testid=webhook-generate]").ClickAsync(new());

        Assert.Equal(FakeWebhookSettingsService.GeneratedSecret, cut.Find("[data-testid=webhook-secret-value]").TextContent.Trim());
        Assert.Equal($"http://localhost/webhooks/github/{ConnectionId:N}", cut.Find("[data-testid=webhook-url]").TextContent.Trim());
        Assert.Contains("On", cut.Find("[data-testid=webhook-state]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Rotate secret", cut.Find("[data-testid=webhook-generate]").TextContent, StringComparison.Ordinal);

        await cut.Find("#webhook-secret-done").ClickAsync(new());

        Assert.DoesNotContain(FakeWebhookSettingsService.GeneratedSecret, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_WarnsThatOldSecretStops()
    {
        Webhooks.Statuses.Add(new WebhookStatusDto(ConnectionId, "Support GitHub", true, DateTimeOffset.UnixEpoch, 4, DateTimeOffset.UnixEpoch));
        RenderProviders();
        var cut = Render<WebhookSection>();

        await cut.Find("[data-testid=webhook-generate]").ClickAsync(new());

        Assert.Contains("previous secret are rejected", cut.Find("#webhook-secret").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_TurnsWebhooksOff()
    {
        Webhooks.Statuses.Add(new WebhookStatusDto(ConnectionId, "Support GitHub", true, DateTimeOffset.UnixEpoch, 4, DateTimeOffset.UnixEpoch));
        RenderProviders();
        var cut = Render<WebhookSection>();

        await cut.Find("[data-testid=webhook-disable]").ClickAsync(new());

        Assert.Equal([ConnectionId], Webhooks.Disabled);
        Assert.Contains("Off", cut.Find("[data-testid=webhook-state]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=webhook-disable]"));
    }
}
