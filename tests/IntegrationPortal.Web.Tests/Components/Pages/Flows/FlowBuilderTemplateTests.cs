using Bunit;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Domain.Templates;
using IntegrationPortal.Web.Components.Pages.Flows;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Web.Tests.Components.Pages.Flows;

/// <summary>The flow builder for a request inside a template starts from the template's defaults.</summary>
public sealed class FlowBuilderTemplateTests : PortalTestContext
{
    private static readonly Guid RequestId = Guid.NewGuid();
    private static readonly Guid TemplateId = Guid.NewGuid();

    public FlowBuilderTemplateTests()
    {
        Requests.Requests.Add(new RequestDto(
            RequestId, "requester", ToolKeys.Redmine, ToolKeys.GitHub, "Support bugs to engineering", "title, status",
            SyncDirection.AToB, "Bugs are copied by hand today.", RequestStatus.Approved, DateTimeOffset.UnixEpoch,
            "template Support bugs, version 2", DateTimeOffset.UnixEpoch, null));
    }

    [Fact]
    public void RequestInsideTemplate_StartsFromDefaults()
    {
        Templates.ByRequest[RequestId] = new TemplateVersionDto(TemplateId, 2, "ivan", DateTimeOffset.UnixEpoch, new TemplateDefinition(
            "Support bugs",
            ToolKeys.Redmine,
            ToolKeys.GitHub,
            "Copy support bugs",
            [new TemplateField("title", "title", SyncDirection.AToB), new TemplateField("status", "status", SyncDirection.AToB)],
            [new FieldMapping("title", "title", SyncDirection.AToB, []), new FieldMapping("status", "status", SyncDirection.AToB, [new ValueMapEntry("Closed", "closed")])],
            new ItemScope(ScopeSide.A, "tracker", "Bug"),
            10,
            30,
            DataClassification.Internal,
            AutoApproves: true));
        RenderProviders();

        var cut = RenderBuilder();

        Assert.Contains("Support bugs", cut.Find("#flow-template").TextContent);
        Assert.Equal(["title", "status"], cut.FindComponents<FieldSelect>().Where(f => f.Instance.TestId == "mapping-field-a").Select(f => f.Instance.Value));
        Assert.Contains("1 pairs", cut.FindAll("[data-testid=mapping-valuemap-toggle]")[1].TextContent);
        Assert.Equal("Bug", cut.Find("input#flow-scope-value").GetAttribute("value"));
        Assert.Equal("10", cut.Find("input#flow-schedule").GetAttribute("value"));
    }

    [Fact]
    public void RequestWithoutTemplate_KeepsBuilderDefaults()
    {
        RenderProviders();

        var cut = RenderBuilder();

        Assert.Empty(cut.FindAll("#flow-template"));
        Assert.Equal(3, cut.FindAll("[data-testid=mapping-row]").Count);
    }

    private IRenderedComponent<FlowBuilder> RenderBuilder()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/flows/new?requestId={RequestId}");
        return Render<FlowBuilder>();
    }
}
