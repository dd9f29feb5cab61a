using Bunit;
using IntegrationPortal.Application.Notifications;
using IntegrationPortal.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NotificationsPage = IntegrationPortal.Web.Components.Pages.Notifications.Notifications;

namespace IntegrationPortal.Web.Tests.Components.Pages.Notifications;

public sealed class NotificationsTests : PortalTestContext
{
    private static readonly Guid RequestId = Guid.NewGuid();

    public NotificationsTests()
    {
        Notifications.Notifications.Add(new NotificationDto(Guid.NewGuid(), RequestId, "Your request \"Sync bugs\" is now approved.", DateTimeOffset.UnixEpoch, IsRead: false));
        Notifications.Notifications.Add(new NotificationDto(Guid.NewGuid(), RequestId, "Your request \"Sync bugs\" is now submitted.", DateTimeOffset.UnixEpoch, IsRead: true));
    }

    [Fact]
    public void Bell_ShowsUnreadCount()
    {
        var cut = Render<NotificationBell>();

        Assert.Equal("1 unread notification", cut.Find("#notification-bell").GetAttribute("aria-label"));
        Assert.Contains(">1<", cut.Markup.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_MarksReadAndShowsRequest()
    {
        RenderProviders();
        var cut = Render<NotificationsPage>();

        await cut.FindAll("[data-testid=notification]")[0].ClickAsync(new());

        Assert.True(Notifications.Notifications[0].IsRead);
        Assert.EndsWith($"/requests/{RequestId}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task MarkAllRead_ClearsUnread()
    {
        RenderProviders();
        var cut = Render<NotificationsPage>();

        await cut.Find("#notifications-read-all").ClickAsync(new());

        Assert.All(Notifications.Notifications, n => Assert.True(n.IsRead));
        Assert.DoesNotContain("unread", cut.Find("#notification-list").TextContent);
    }
}
