using Bunit;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Web.Components.Pages.Flows;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace IntegrationPortal.Web.Tests.Components.Pages.Flows;

public sealed class FlowBuilderTests : PortalTestContext
{
    private static readonly Guid RequestId = Guid.NewGuid();
    private static readonly Guid RedmineId = Guid.NewGuid();
    private static readonly Guid GitHubId = Guid.NewGuid();

    public FlowBuilderTests()
    {
        Requests.Requests.Add(new RequestDto(
            RequestId, "requester", ToolKeys.Redmine, ToolKeys.GitHub, "Support bugs to engineering", "title, status",
            SyncDirection.Both, "Bugs are copied by hand today.", RequestStatus.Approved, DateTimeOffset.UnixEpoch,
            "admin", DateTimeOffset.UnixEpoch, null));
        Connections.Connections.Add(new ConnectionDto(RedmineId, "Support Redmine", ToolKeys.Redmine, "http://127.0.0.1:3000", DateTimeOffset.UnixEpoch, null, null, null));
        Connections.Connections.Add(new ConnectionDto(GitHubId, "Engineering GitHub", ToolKeys.GitHub, "http://127.0.0.1:5005", DateTimeOffset.UnixEpoch, null, null, null));
        Connections.Containers[RedmineId] = [new("support", "Support desk")];
        Connections.Containers[GitHubId] = [new("acme/engine", "acme/engine")];
        Connections.Fields[RedmineId] =
        [
            new("title", "Subject", FieldKind.Text),
            new("description", "Description", FieldKind.RichText),
            new("status", "Status", FieldKind.Choice, ["New", "In Progress", "Closed"]),
        ];
        Connections.Fields[GitHubId] =
        [
            new("title", "Title", FieldKind.Text),
            new("description", "Body", FieldKind.RichText),
            new("status", "State", FieldKind.Choice),
        ];
    }

    [Fact]
    public async Task PickingConnection_ListsItsContainers()
    {
        RenderProviders();
        var cut = RenderBuilder();

        await cut.SelectAsync("flow-connection-a", RedmineId);

        Assert.Equal([RedmineId], Connections.ContainerRequests);
        var containerSelect = FindSelect(cut, "flow-container-a");
        Assert.False(containerSelect.Instance.Disabled);
        var items = cut.FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value).ToList();
        Assert.Contains("support", items);
    }

    [Fact]
    public async Task UnreachableTool_ShowsError()
    {
        Connections.Unreachable[GitHubId] = "GitHub answered 401 Unauthorized; check the connection's API token.";
        RenderProviders();
        var cut = RenderBuilder();

        await cut.SelectAsync("flow-connection-b", GitHubId);

        Assert.Contains("401 Unauthorized", cut.Find("#flow-containers-b-error").TextContent);
    }

    [Fact]
    public void NewFlow_PrefillsTitleDescriptionStatus()
    {
        RenderProviders();
        var cut = RenderBuilder();

        Assert.Equal(3, cut.FindAll("[data-testid=mapping-row]").Count);
        Assert.Equal(["title", "description", "status"], FieldValues(cut, "mapping-field-a"));
        Assert.Equal(["title", "description", "status"], FieldValues(cut, "mapping-field-b"));
    }

    [Fact]
    public async Task EmptySides_ShowFieldErrors()
    {
        RenderProviders();
        var cut = RenderBuilder();

        await cut.Find("#flow-save").ClickAsync(new());

        Assert.Contains("Choose the connection for side A.", cut.Markup);
        Assert.Contains("Choose the project or repository on side A.", cut.Markup);
        Assert.Contains("Choose the connection for side B.", cut.Markup);
        Assert.Contains("Choose the project or repository on side B.", cut.Markup);
        Assert.Empty(cut.FindAll("#flow-errors"));
        Assert.Empty(Flows.Created);
    }

    [Fact]
    public async Task EmptyValueMapEntry_ShowsRowError()
    {
        RenderProviders();
        var cut = RenderBuilder();
        await ChooseBothSidesAsync(cut);

        await cut.FindAll("[data-testid=mapping-valuemap-toggle]")[2].ClickAsync(new());
        await cut.Find("[data-testid=valuemap-add]").ClickAsync(new());
        await cut.Find("#flow-save").ClickAsync(new());

        Assert.Contains("Enter the value on side A, or remove the row.", cut.Find("[data-testid=mapping-valuemap-row]").TextContent);
        Assert.Empty(Flows.Created);
    }

    [Fact]
    public async Task UnmappedTitle_ShowsListError()
    {
        RenderProviders();
        var cut = RenderBuilder();
        await ChooseBothSidesAsync(cut);

        await cut.FindAll("[data-testid=mapping-remove]")[0].ClickAsync(new());
        await cut.Find("#flow-save").ClickAsync(new());

        Assert.Contains("Map title to title", cut.Find("#flow-errors").TextContent);
        Assert.Empty(Flows.Created);
    }

    [Fact]
    public async Task Save_SendsMappingsWithValueMap()
    {
        RenderProviders();
        var cut = RenderBuilder();
        await ChooseBothSidesAsync(cut);

        await cut.FindAll("[data-testid=mapping-valuemap-toggle]")[2].ClickAsync(new());
        await cut.Find("[data-testid=valuemap-add]").ClickAsync(new());
        await cut.SelectAsync("valuemap-value-a", "Closed");
        cut.Find("input[data-testid=valuemap-value-b]").Change("closed");
        await cut.Find("#flow-save").ClickAsync(new());

        var command = Assert.Single(Flows.Created);
        Assert.Equal(RequestId, command.RequestId);
        Assert.Equal("Support bugs to engineering", command.Name);
        Assert.Equal(RedmineId, command.ConnectionAId);
        Assert.Equal("support", command.ContainerA);
        Assert.Equal(GitHubId, command.ConnectionBId);
        Assert.Equal("acme/engine", command.ContainerB);
        Assert.Equal(["title", "description", "status"], command.Mappings.Select(m => m.FieldA));
        var entry = Assert.Single(command.Mappings[2].ValueMap);
        Assert.Equal("Closed", entry.ValueA);
        Assert.Equal("closed", entry.ValueB);
        Assert.Empty(command.Mappings[0].ValueMap);
        Assert.EndsWith($"/flows/{Flows.NextId}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Save_SendsRulesAndItemFilter()
    {
        RenderProviders();
        var cut = RenderBuilder();
        await ChooseBothSidesAsync(cut);

        await cut.SelectAsync<FlowBuilder, ConflictRule?>("mapping-conflict-rule", ConflictRule.SideBWins, index: 1);
        await cut.SelectAsync("flow-delete-rule", DeleteRule.MirrorDelete);
        await cut.SelectAsync<FlowBuilder, ScopeSide?>("flow-scope-side", ScopeSide.A);
        await cut.SelectAsync("flow-scope-field", "status");
        cut.Find("input#flow-scope-value").Change("New");
        await cut.Find("#flow-save").ClickAsync(new());

        var command = Assert.Single(Flows.Created);
        Assert.Null(command.Mappings[0].ConflictRule);
        Assert.Equal(ConflictRule.SideBWins, command.Mappings[1].ConflictRule);
        Assert.Equal(DeleteRule.MirrorDelete, command.DeleteRule);
        Assert.Equal(ScopeSide.A, command.ScopeSide);
        Assert.Equal("status", command.ScopeField);
        Assert.Equal("New", command.ScopeValue);
    }

    [Fact]
    public void NewMapping_ShowsFlowDefaultRule()
    {
        RenderProviders();
        var cut = RenderBuilder();

        var select = cut.FindComponents<MudSelect<ConflictRule?>>()[0];

        Assert.Equal("Flow default", select.Find("input").GetAttribute("value"));
    }

    [Fact]
    public async Task ItemFilterWithoutValue_BlocksSave()
    {
        RenderProviders();
        var cut = RenderBuilder();
        await ChooseBothSidesAsync(cut);

        await cut.SelectAsync<FlowBuilder, ScopeSide?>("flow-scope-side", ScopeSide.B);
        await cut.Find("#flow-save").ClickAsync(new());

        Assert.Contains("Choose the field that the item filter checks", cut.Markup);
        Assert.Contains("Enter the value that items must have to be synced", cut.Markup);
        Assert.Empty(Flows.Created);
    }

    [Fact]
    public async Task AddingValuePairs_UpdatesPairCount()
    {
        RenderProviders();
        var cut = RenderBuilder();

        await cut.FindAll("[data-testid=mapping-valuemap-toggle]")[2].ClickAsync(new());
        await cut.Find("[data-testid=valuemap-add]").ClickAsync(new());
        await cut.Find("[data-testid=valuemap-add]").ClickAsync(new());

        Assert.Contains("2 pairs", cut.FindAll("[data-testid=mapping-valuemap-toggle]")[2].TextContent);
    }

    [Fact]
    public void MalformedRequestId_ShowsHowToStart()
    {
        RenderProviders();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/flows/new?requestId=not-a-guid");

        var cut = Render<FlowBuilder>();

        Assert.NotNull(cut.Find("#flow-no-request"));
    }

    [Fact]
    public void UnknownRequest_WarnsAndBlocksSave()
    {
        RenderProviders();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/flows/new?requestId={Guid.NewGuid()}");

        var cut = Render<FlowBuilder>();

        Assert.NotNull(cut.Find("#flow-request-not-found"));
        Assert.True(cut.Find("#flow-save").HasAttribute("disabled"));
    }

    private IRenderedComponent<FlowBuilder> RenderBuilder()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/flows/new?requestId={RequestId}");

        return Render<FlowBuilder>();
    }

    private static async Task ChooseBothSidesAsync(IRenderedComponent<FlowBuilder> cut)
    {
        await cut.SelectAsync("flow-connection-a", RedmineId);
        await cut.SelectAsync("flow-container-a", "support");
        await cut.SelectAsync("flow-connection-b", GitHubId);
        await cut.SelectAsync("flow-container-b", "acme/engine");
    }

    private static IRenderedComponent<MudSelect<string>> FindSelect(IRenderedComponent<FlowBuilder> cut, string id) =>
        cut.FindComponents<MudSelect<string>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("id"), id));

    private static List<string?> FieldValues(IRenderedComponent<FlowBuilder> cut, string testId) =>
        [.. cut.FindComponents<FieldSelect>().Where(f => f.Instance.TestId == testId).Select(f => f.Instance.Value)];
}
