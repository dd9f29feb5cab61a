using Bunit;
using IntegrationPortal.Web.Components.Account;

namespace IntegrationPortal.Web.Tests.Components.Account;

public sealed class SetupTests : PortalTestContext
{
    [Fact]
    public void Setup_ShowsFormWhileRequired()
    {
        Users.SetupRequired = true;

        var cut = Render<Setup>();

        Assert.Equal("/account/setup", cut.Find("#setup-form").GetAttribute("action"));
        Assert.Equal("ConfirmPassword", cut.Find("#setup-confirm-password").GetAttribute("name"));
        Assert.Empty(cut.FindAll("#setup-done"));
    }

    [Fact]
    public void Setup_SaysDoneOnceAdminExists()
    {
        Users.SetupRequired = false;

        var cut = Render<Setup>();

        Assert.NotNull(cut.Find("#setup-done"));
        Assert.Empty(cut.FindAll("#setup-form"));
    }
}
