using Bunit;
using IntegrationPortal.Web.Components.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Web.Tests.Components.Account;

public sealed class LoginTests : PortalTestContext
{
    [Fact]
    public void Login_PostsExpectedFieldNames()
    {
        var cut = RenderAt("/account/login?returnUrl=%2Fqueue");

        var form = cut.Find("#login-form");

        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/account/login", form.GetAttribute("action"));
        Assert.Equal("Email", cut.Find("#login-email").GetAttribute("name"));
        Assert.Equal("Password", cut.Find("#login-password").GetAttribute("name"));
        Assert.Equal("/queue", cut.Find("input[name=ReturnUrl]").GetAttribute("value"));
    }

    [Fact]
    public void Login_ShowsErrorFromQuery()
    {
        var cut = RenderAt("/account/login?error=Invalid%20e-mail%20or%20password.");

        Assert.Equal("Invalid e-mail or password.", cut.Find("#login-error").TextContent.Trim());
    }

    [Fact]
    public void Login_KeepsTypedEmailAfterError()
    {
        var cut = RenderAt("/account/login?error=Wrong%20password.&email=rita%40example.com");

        Assert.Equal("rita@example.com", cut.Find("#login-email").GetAttribute("value"));
    }

    [Theory]
    [InlineData("https%3A%2F%2Fevil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("%2F%5Cevil.example")]
    public void Login_IgnoresReturnUrlOffSite(string returnUrl)
    {
        var cut = RenderAt($"/account/login?returnUrl={returnUrl}");

        Assert.Equal("/", cut.Find("input[name=ReturnUrl]").GetAttribute("value"));
    }

    private IRenderedComponent<Login> RenderAt(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);

        return Render<Login>();
    }
}
