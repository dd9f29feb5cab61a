using Bunit;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Web.Components.Pages.Requests;

namespace IntegrationPortal.Web.Tests.Components.Pages.Requests;

public sealed class MyRequestsTests : PortalTestContext
{
    [Fact]
    public void List_ShowsStatusAndHolder()
    {
        Requests.Requests.Add(Request(RequestStatus.NeedsInformation, "rita@example.com"));
        Requests.Requests.Add(Request(RequestStatus.Submitted, "IT queue"));
        RenderProviders();

        var cut = Render<MyRequests>();

        Assert.Equal(["Needs information", "Submitted"], cut.FindAll("[data-testid=request-status]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["rita@example.com", "IT queue"], cut.FindAll("[data-testid=request-holder]").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public void Draft_OffersContinue()
    {
        var draft = Request(RequestStatus.Draft, "rita@example.com");
        Requests.Requests.Add(draft);
        RenderProviders();

        var cut = Render<MyRequests>();

        Assert.EndsWith($"/requests/new?draft={draft.Id}", cut.Find("[data-testid=request-continue-draft]").GetAttribute("href"));
        Assert.EndsWith($"/requests/{draft.Id}", cut.Find("[data-testid=request-link]").GetAttribute("href"));
    }

    private static RequestDto Request(RequestStatus status, string holder) => new(
        Guid.NewGuid(), "rita@example.com", ToolKeys.Redmine, ToolKeys.GitHub, "Sync support bugs", "title", SyncDirection.Both,
        "Bugs are copied by hand today.", status, DateTimeOffset.UnixEpoch, null, null, null, Holder: holder);
}
