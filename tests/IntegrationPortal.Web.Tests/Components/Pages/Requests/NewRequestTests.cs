using Bunit;
using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Web.Components.Pages.Requests;
using IntegrationPortal.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Web.Tests.Components.Pages.Requests;

public sealed class NewRequestTests : PortalTestContext
{
    private const string OtherTool = "(another tool)";

    [Fact]
    public async Task Next_WithoutTools_ShowsToolErrors()
    {
        RenderProviders();
        var cut = Render<NewRequest>();

        await cut.Find("#wizard-next").ClickAsync(new());

        Assert.Contains("Choose the first tool.", cut.Markup);
        Assert.Contains("Choose the second tool.", cut.Markup);
        Assert.False(cut.Find("#wizard-step-tools").HasAttribute("hidden"));
    }

    [Fact]
    public async Task FilledWizard_SubmitsTypedValues()
    {
        RenderProviders();
        var cut = Render<NewRequest>();

        await PickToolsAsync(cut);
        await cut.Find("#wizard-next").ClickAsync(new());
        TypeUseCase(cut, "Sync support bugs to engineering");
        await cut.Find("#wizard-next").ClickAsync(new());
        cut.Find("#request-items").Change("Bugs of the Support project");
        cut.Find("#request-fields").Change("title, description");
        await cut.SelectAsync("request-direction", SyncDirection.AToB);
        await cut.Find("#wizard-next").ClickAsync(new());
        await cut.SelectAsync("request-classification", DataClassification.PersonalData);
        cut.Find("#request-justification").Change("Support copies every bug by hand today.");
        await cut.Find("#request-submit").ClickAsync(new());

        var command = Assert.Single(Requests.Submitted);
        Assert.Equal(ToolKeys.Redmine, command.ToolA);
        Assert.Equal(ToolKeys.GitHub, command.ToolB);
        Assert.Equal("Sync support bugs to engineering", command.UseCase);
        Assert.Equal("Bugs of the Support project", command.Items);
        Assert.Equal("title, description", command.Fields);
        Assert.Equal(SyncDirection.AToB, command.Direction);
        Assert.Equal(DataClassification.PersonalData, command.Classification);
        Assert.Equal("Support copies every bug by hand today.", command.Justification);
        Assert.EndsWith($"/requests/{Requests.NextId}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Submit_MissingJustification_OpensItsStep()
    {
        RenderProviders();
        var cut = Render<NewRequest>();
        await PickToolsAsync(cut);
        await cut.Find("#wizard-next").ClickAsync(new());
        TypeUseCase(cut, "Sync support bugs");
        await cut.Find("#wizard-next").ClickAsync(new());
        cut.Find("#request-fields").Change("title");
        await cut.Find("#wizard-next").ClickAsync(new());

        await cut.Find("#request-submit").ClickAsync(new());

        Assert.Empty(Requests.Submitted);
        Assert.Contains("Say why the team needs this integration", cut.Markup);
        Assert.False(cut.Find("#wizard-step-reasons").HasAttribute("hidden"));
    }

    [Fact]
    public async Task Tools_ShowCatalogStatus()
    {
        Catalog.Tools.Add(new ToolDto("dropbox", "Dropbox", ToolStatus.Blocked, "Data leaves the EU.", DateTimeOffset.UnixEpoch));
        RenderProviders();
        var cut = Render<NewRequest>();

        await cut.SelectAsync("request-tool-a", "dropbox");

        var status = cut.Find("[data-testid=tool-status]").TextContent;
        Assert.Contains("Blocked", status);
        Assert.Contains("the request goes to IT", status);
    }

    [Fact]
    public async Task UnlistedTool_IsTypedAndFlagged()
    {
        RenderProviders();
        var cut = Render<NewRequest>();

        await cut.SelectAsync("request-tool-a", ToolKeys.Redmine);
        await cut.SelectAsync("request-tool-b", OtherTool);
        cut.Find("#request-tool-b-other").Change("Asana");
        await cut.Find("#wizard-next").ClickAsync(new());

        Assert.Contains("Not in the catalog", cut.FindAll("[data-testid=tool-status]")[1].TextContent);
        Assert.Equal("Asana", Requests.SuggestQueries[^1].ToolB);
        Assert.False(cut.Find("#wizard-step-usecase").HasAttribute("hidden"));
    }

    [Fact]
    public async Task FieldChips_AddConnectorFields()
    {
        RenderProviders();
        var cut = Render<NewRequest>();
        await PickToolsAsync(cut);

        var chips = cut.FindAll("[data-testid=field-chip]");
        await chips[0].ClickAsync(new());
        await cut.FindAll("[data-testid=field-chip]")[2].ClickAsync(new());
        await cut.Find("#wizard-next").ClickAsync(new());
        TypeUseCase(cut, "Sync support bugs");
        await cut.Find("#wizard-next").ClickAsync(new());
        await cut.Find("#wizard-next").ClickAsync(new());
        await cut.Find("#request-save-draft").ClickAsync(new());

        Assert.Equal(FakeConnectorFactory.GitHubFields.Length, chips.Count);
        Assert.Equal("title, state", Assert.Single(Requests.Drafts).Fields);
    }

    [Fact]
    public async Task Typing_SuggestsTemplateAndSimilarRequests()
    {
        var similarId = Guid.NewGuid();
        Requests.Suggestions = new RequestSuggestions(
            [new TemplateSuggestion(Guid.NewGuid(), "Support bugs", 2, ApprovesAtOnce: true, [])],
            [
                new SimilarRequestDto(similarId, "omar@example.com", ToolKeys.Redmine, ToolKeys.GitHub, "Sync support bugs", RequestStatus.Submitted, 1),
                new SimilarRequestDto(Guid.NewGuid(), "lena@example.com", ToolKeys.GitHub, ToolKeys.Redmine, "Support bugs to GitHub", RequestStatus.InReview, 0),
                new SimilarRequestDto(Guid.NewGuid(), "kai@example.com", ToolKeys.Redmine, ToolKeys.GitHub, "Bugs from support", RequestStatus.Submitted, 0),
            ]);
        RenderProviders();
        var cut = Render<NewRequest>();
        await PickToolsAsync(cut);
        await cut.Find("#wizard-next").ClickAsync(new());

        TypeUseCase(cut, "Sync support bugs to engineering");

        Assert.Contains("Inside pattern Support bugs (version 2): approved at once.", cut.Find("[data-testid=template-suggestion]").TextContent);
        Assert.Equal("3 similar requests exist: join one instead of filing a new one?", cut.Find("#similar-heading").TextContent);
        Assert.Equal(3, cut.FindAll("[data-testid=similar-request]").Count);
    }

    [Fact]
    public async Task Join_FollowsSimilarRequest()
    {
        var similarId = Guid.NewGuid();
        Requests.Suggestions = new RequestSuggestions(
            [],
            [new SimilarRequestDto(similarId, "omar@example.com", ToolKeys.Redmine, ToolKeys.GitHub, "Sync support bugs", RequestStatus.Submitted, 0)]);
        RenderProviders();
        var cut = Render<NewRequest>();
        await PickToolsAsync(cut);

        await cut.Find("[data-testid=similar-join]").ClickAsync(new());

        Assert.Equal([similarId], Requests.Followed);
        Assert.Empty(Requests.Submitted);
        Assert.EndsWith($"/requests/{similarId}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Draft_IsLoadedAndSubmitted()
    {
        var draftId = Guid.NewGuid();
        Requests.Details[draftId] = RequestDetailTests.Detail(draftId, RequestStatus.Draft, RequestDetailTests.NoActions with { CanEditDraft = true });
        RenderProviders();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("draft", draftId));
        var cut = Render<NewRequest>();

        for (var step = 0; step < 3; step++)
        {
            await cut.Find("#wizard-next").ClickAsync(new());
        }

        await cut.Find("#request-submit").ClickAsync(new());

        var command = Assert.Single(Requests.Submitted);
        Assert.Equal(draftId, command.DraftId);
        Assert.Equal("Sync support bugs to engineering", command.UseCase);
        Assert.Equal(ToolKeys.GitHub, command.ToolB);
    }

    // The use case field waits for a pause in typing before it takes the text, as it does in a browser.
    private void TypeUseCase(IRenderedComponent<NewRequest> cut, string text)
    {
        cut.Find("#request-usecase").Input(text);
        cut.WaitForAssertion(() => Assert.Equal(text, Requests.SuggestQueries[^1].UseCase), TimeSpan.FromSeconds(5));
    }

    private static async Task PickToolsAsync(IRenderedComponent<NewRequest> cut)
    {
        await cut.SelectAsync("request-tool-a", ToolKeys.Redmine);
        await cut.SelectAsync("request-tool-b", ToolKeys.GitHub);
    }
}
