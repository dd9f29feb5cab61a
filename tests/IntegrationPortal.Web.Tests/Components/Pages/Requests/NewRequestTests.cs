using Bunit;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Web.Components.Pages.Requests;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Web.Tests.Components.Pages.Requests;

public sealed class NewRequestTests : PortalTestContext
{
    [Fact]
    public async Task EmptySubmit_ShowsFieldErrors()
    {
        RenderProviders();
        var cut = Render<NewRequest>();

        await cut.Find("#request-submit").ClickAsync(new());

        Assert.Contains("Choose the first tool.", cut.Markup);
        Assert.Contains("Choose the second tool.", cut.Markup);
        Assert.Contains("Describe the use case", cut.Markup);
        Assert.Contains("List the fields to sync", cut.Markup);
        Assert.Contains("Say why the team needs this integration", cut.Markup);
        Assert.Empty(Requests.Submitted);
    }

    [Fact]
    public async Task FilledSubmit_SendsTypedValues()
    {
        RenderProviders();
        var cut = Render<NewRequest>();

        await cut.SelectAsync("request-tool-a", ToolKeys.Redmine);
        await cut.SelectAsync("request-tool-b", ToolKeys.GitHub);
        await cut.SelectAsync("request-direction", SyncDirection.AToB);
        cut.Find("#request-usecase").Change("Sync support bugs to engineering");
        cut.Find("#request-fields").Change("title, description, status");
        cut.Find("#request-justification").Change("Support copies every bug by hand today.");
        await cut.Find("#request-submit").ClickAsync(new());

        var command = Assert.Single(Requests.Submitted);
        Assert.Equal(ToolKeys.Redmine, command.ToolA);
        Assert.Equal(ToolKeys.GitHub, command.ToolB);
        Assert.Equal(SyncDirection.AToB, command.Direction);
        Assert.Equal("Sync support bugs to engineering", command.UseCase);
        Assert.Equal("title, description, status", command.Fields);
        Assert.Equal("Support copies every bug by hand today.", command.Justification);
        Assert.EndsWith("/requests", Services.GetRequiredService<NavigationManager>().Uri);
    }
}
