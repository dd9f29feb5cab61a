using Bunit;
using Bunit.TestDoubles;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Web.Tests.Components;

public sealed class RoutesTests : PortalTestContext
{
    [Fact]
    public void SignedInWithoutRole_ShowsNotAllowed()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("requester@example.com");
        authorization.SetRoles(Roles.Requester);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/queue");

        var cut = Render<Routes>();

        Assert.Contains("does not have a role", cut.Find("#not-allowed").TextContent);
    }

    [Fact]
    public void SignedOut_RedirectsToLogin()
    {
        var authorization = AddAuthorization();
        authorization.SetNotAuthorized();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("/flows");

        Render<Routes>();

        Assert.EndsWith("/account/login?returnUrl=%2Fflows", navigation.Uri);
    }
}
