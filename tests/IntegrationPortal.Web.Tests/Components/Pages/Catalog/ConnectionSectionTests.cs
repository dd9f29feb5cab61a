using Bunit;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Web.Components.Pages.Catalog;

namespace IntegrationPortal.Web.Tests.Components.Pages.Catalog;

public sealed class ConnectionSectionTests : PortalTestContext
{
    [Fact]
    public async Task Save_SendsValuesAndClearsForm()
    {
        RenderProviders();
        var cut = Render<ConnectionSection>(p => p.Add(c => c.Tools, Catalog.Tools));

        cut.Find("#connection-name").Change("Support Redmine");
        await cut.SelectAsync("connection-tool", ToolKeys.Redmine);
        cut.Find("#connection-baseurl").Change("http://127.0.0.1:3000");
        cut.Find("#connection-token").Change("token-123");
        await cut.Find("#connection-save").ClickAsync(new());

        var command = Assert.Single(Connections.Created);
        Assert.Equal("Support Redmine", command.Name);
        Assert.Equal(ToolKeys.Redmine, command.ToolKey);
        Assert.Equal("http://127.0.0.1:3000", command.BaseUrl);
        Assert.Equal("token-123", command.Secret);
        Assert.DoesNotContain("token-123", cut.Markup);
        Assert.True(string.IsNullOrEmpty(cut.Find("#connection-name").GetAttribute("value")));
    }

    [Fact]
    public async Task Save_ShowsErrorForBadUrl()
    {
        RenderProviders();
        var cut = Render<ConnectionSection>(p => p.Add(c => c.Tools, Catalog.Tools));

        cut.Find("#connection-baseurl").Change("redmine.local");
        await cut.Find("#connection-save").ClickAsync(new());

        Assert.Contains("Enter an absolute http:// or https:// URL", cut.Markup);
        Assert.Empty(Connections.Created);
    }

    [Fact]
    public async Task TestButton_ShowsResultMessage()
    {
        Connections.Connections.Add(new ConnectionDto(
            Guid.NewGuid(), "Support Redmine", ToolKeys.Redmine, "http://127.0.0.1:3000", DateTimeOffset.UnixEpoch, null, null, null,
            Right: Domain.Connections.ConnectionRight.Manage));
        RenderProviders();
        var cut = Render<ConnectionSection>(p => p.Add(c => c.Tools, Catalog.Tools));

        await cut.Find("[data-testid=connection-test]").ClickAsync(new());

        Assert.Equal("Signed in as tester.", cut.Find("[data-testid=connection-test-message]").TextContent.Trim());
        Assert.NotEmpty(cut.FindAll("[data-testid=connection-last-success]"));
    }
}
