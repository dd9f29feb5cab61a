using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Templates;

/// <summary>The preview of a template change, on SQLite and on PostgreSQL.</summary>
public sealed class TemplateImpactPreviewTests
{
    [Theory]
    [InlineData(DatabaseProviders.Sqlite)]
    [InlineData(DatabaseProviders.PostgreSql)]
    public async Task Preview_ListsFlowsThatFallOutside(string provider)
    {
        await using var bed = await TemplateTestBed.StartAsync(provider);
        var templateId = await bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
        var statusRequest = await bed.AddRequestAsync("title, status", approvedByTemplate: templateId);
        var titleRequest = await bed.AddRequestAsync("title", approvedByTemplate: templateId);
        var statusFlow = await bed.CreateFlowAsync(bed.FlowCommand(statusRequest));
        var titleCommand = bed.FlowCommand(titleRequest);
        titleCommand.Name = "Titles only";
        titleCommand.Mappings.RemoveAt(1);
        var titleFlow = await bed.CreateFlowAsync(titleCommand);
        var change = WithoutStatus();

        var impact = await PreviewAsync(bed, templateId, change);

        Assert.Equal(2, impact.NextVersion);
        Assert.Equal([statusFlow, titleFlow], impact.Flows.Select(f => f.FlowId));
        Assert.True(impact.Flows[0].FallsOutside);
        Assert.False(impact.Flows[1].FallsOutside);
        Assert.Equal(1, impact.Flows[0].BuiltFromVersion);
        Assert.Contains("status → status", Assert.Single(impact.Flows[0].Outside), StringComparison.Ordinal);
        Assert.False(impact.Flows[0].WillPause);
    }

    [Theory]
    [InlineData(DatabaseProviders.Sqlite)]
    [InlineData(DatabaseProviders.PostgreSql)]
    public async Task Preview_ListsOpenRequestsInsideBeforeOrAfter(string provider)
    {
        await using var bed = await TemplateTestBed.StartAsync(provider);
        var templateId = await bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
        var insideNow = await bed.AddRequestAsync("title, status", status: RequestStatus.Submitted);
        var insideAfter = await bed.AddRequestAsync("title", status: RequestStatus.InReview, classification: DataClassification.Confidential, toolA: "github", toolB: "redmine", direction: SyncDirection.BToA);
        var insideBoth = await bed.AddRequestAsync("description", status: RequestStatus.NeedsInformation);
        await bed.AddRequestAsync("title, Assignee", status: RequestStatus.Submitted);
        await bed.AddRequestAsync("title", status: RequestStatus.Approved);
        await bed.AddRequestAsync("title", status: RequestStatus.Submitted, toolB: "redmine");
        var change = WithoutStatus();
        change.MaxClassification = DataClassification.Confidential;

        var impact = await PreviewAsync(bed, templateId, change);

        Assert.Equal([insideNow, insideAfter, insideBoth], impact.Requests.Select(r => r.RequestId));
        Assert.Equal([true, false, true], impact.Requests.Select(r => r.InsideNow));
        Assert.Equal([false, true, true], impact.Requests.Select(r => r.InsideAfter));
        Assert.Equal(["asks for field status, which the template does not include"], impact.Requests[0].DifferencesAfter);
    }

    [Fact]
    public async Task Preview_SavesNothing()
    {
        await using var bed = await TemplateTestBed.StartAsync(DatabaseProviders.Sqlite);
        var templateId = await bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());

        await PreviewAsync(bed, templateId, WithoutStatus());

        await using var admin = bed.AsAdmin();
        var detail = await admin.ServiceProvider.GetRequiredService<ITemplateService>().GetAsync(templateId, CancellationToken.None);
        Assert.Single(detail.Versions);
    }

    [Fact]
    public async Task Preview_ActiveFlowOutside_WillPause()
    {
        await using var bed = await TemplateTestBed.StartAsync(DatabaseProviders.Sqlite);
        var templateId = await bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
        var requestId = await bed.AddRequestAsync("title, status", approvedByTemplate: templateId);
        var flowId = await bed.CreateFlowAsync(bed.FlowCommand(requestId));
        await using (var requester = bed.AsRequester())
        {
            await requester.ServiceProvider.GetRequiredService<IFlowService>().ActivateAsync(flowId, CancellationToken.None);
        }

        var impact = await PreviewAsync(bed, templateId, WithoutStatus());

        var flow = Assert.Single(impact.Flows);
        Assert.Equal(FlowStatus.Active, flow.Status);
        Assert.True(flow.WillPause);
    }

    private static SaveTemplateCommand WithoutStatus()
    {
        var change = TemplateTestBed.SupportBugs();
        change.Fields.RemoveAll(f => f.FieldA == "status");
        change.Mappings.RemoveAll(m => m.FieldA == "status");
        return change;
    }

    private static async Task<TemplateImpactDto> PreviewAsync(TemplateTestBed bed, Guid templateId, SaveTemplateCommand change)
    {
        await using var admin = bed.AsAdmin();
        return await admin.ServiceProvider.GetRequiredService<ITemplateService>().PreviewChangeAsync(templateId, change, CancellationToken.None);
    }
}
