using Bunit;
using FluentValidation;
using FluentValidation.Results;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Templates;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Web.Components.Pages.Governance;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Web.Tests.Components.Pages.Governance;

public sealed class TemplateEditorTests : PortalTestContext
{
    private static readonly Guid TemplateId = Guid.NewGuid();
    private static readonly DateTimeOffset SavedAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public TemplateEditorTests()
    {
        Templates.Tools.Add(new TemplateToolDto(
            ToolKeys.Redmine,
            "Redmine",
            [new("title", "Title", FieldKind.Text), new("status", "Status", FieldKind.Choice), new("assignee", "Assignee", FieldKind.User)]));
        Templates.Tools.Add(new TemplateToolDto(
            ToolKeys.GitHub,
            "GitHub",
            [new("title", "Title", FieldKind.Text), new("status", "Status", FieldKind.Choice, ["open", "closed"]), new("labels", "Labels", FieldKind.Labels)]));

        var first = Definition(maxSchedule: 60);
        var second = Definition(maxSchedule: 30);
        Templates.Details[TemplateId] = new TemplateDetailDto(
            new TemplateSummaryDto(TemplateId, "Support bugs", ToolKeys.Redmine, "Redmine", ToolKeys.GitHub, "GitHub", first.UseCase, 2, true, false, 1),
            null,
            [new TemplateVersionDto(TemplateId, 2, "olga", SavedAt.AddDays(1), second), new TemplateVersionDto(TemplateId, 1, "ivan", SavedAt, first)]);
    }

    [Fact]
    public async Task NewTemplate_SavesCommand()
    {
        RenderProviders();
        var cut = RenderNew();

        cut.Find("input#template-name").Change("Support bugs");
        cut.Find("input#template-use-case").Change("Copy support bugs to engineering");
        await cut.SelectAsync("template-tool-a", ToolKeys.Redmine);
        await cut.SelectAsync("template-tool-b", ToolKeys.GitHub);
        await cut.Find("#template-field-add").ClickAsync(new());
        await cut.SelectAsync("template-field-a", "status", index: 1);
        await cut.SelectAsync("template-field-b", "status", index: 1);
        await cut.SelectAsync("template-field-direction", SyncDirection.AToB, index: 1);
        await cut.SelectAsync("template-classification", DataClassification.Confidential);
        await cut.Find("#template-save").ClickAsync(new());

        var command = Assert.Single(Templates.Created);
        Assert.Equal("Support bugs", command.Name);
        Assert.Equal(ToolKeys.Redmine, command.ToolA);
        Assert.Equal(["title", "status"], command.Fields.Select(f => f.FieldA));
        Assert.Equal(SyncDirection.AToB, command.Fields[1].Direction);
        Assert.Equal(DataClassification.Confidential, command.MaxClassification);
        Assert.EndsWith($"/governance/templates/{Templates.NextId}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task NewTemplate_AfterSave_ShowsSavedTemplate()
    {
        RenderProviders();
        var cut = RenderNew();

        // Saving navigates to the template's address, which renders this component again with the new id.
        await cut.InvokeAsync(() => cut.Render(parameters => parameters.Add(p => p.TemplateId, TemplateId)));

        Assert.Equal("Support bugs", cut.Find("#template-title").TextContent);
        Assert.Equal(2, cut.FindAll("[data-testid=template-history-row]").Count);
        Assert.NotNull(cut.Find("#template-preview"));
    }

    [Fact]
    public async Task NewTemplate_MissingValues_ShowsErrors()
    {
        RenderProviders();
        var cut = RenderNew();

        await cut.FindAll("[data-testid=template-field-remove]")[0].ClickAsync(new());
        await cut.Find("#template-save").ClickAsync(new());

        Assert.Contains("Name the template", cut.Markup);
        Assert.Contains("Choose the tool of side A.", cut.Markup);
        Assert.Contains("Allow at least one field pair", cut.Find("#template-errors").TextContent);
        Assert.Empty(Templates.Created);
    }

    [Fact]
    public async Task ServerError_ShowsAtFieldRow()
    {
        Templates.NextError = new ValidationException([new ValidationFailure("Fields[0].FieldB", "'title' is not a field of github; choose one of: labels.")]);
        RenderProviders();
        var cut = RenderNew();

        cut.Find("input#template-name").Change("Support bugs");
        cut.Find("input#template-use-case").Change("Copy bugs");
        await cut.SelectAsync("template-tool-a", ToolKeys.Redmine);
        await cut.SelectAsync("template-tool-b", ToolKeys.GitHub);
        await cut.Find("#template-save").ClickAsync(new());

        Assert.Contains("'title' is not a field of github", cut.Find("[data-testid=template-field-row]").TextContent);
        Assert.Empty(Templates.Created);
    }

    [Fact]
    public void Existing_LoadsCurrentVersionAndHistory()
    {
        RenderProviders();
        var cut = RenderExisting();

        Assert.Equal("Support bugs", cut.Find("input#template-name").GetAttribute("value"));
        Assert.Equal("30", cut.Find("input#template-schedule-max").GetAttribute("value"));
        var rows = cut.FindAll("[data-testid=template-history-row]");
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("2", rows[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("every 5 to 60 min", rows[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ShowsImpactBeforeSaving()
    {
        var flowId = Guid.NewGuid();
        Templates.Impact = new TemplateImpactDto(
            3,
            [new TemplateFlowImpactDto(flowId, "Support to engineering", "rita", FlowStatus.Active, 1, ["The flow runs every 15 minutes; template 'Support bugs' allows every 5 to 10 minutes."])],
            [new TemplateRequestImpactDto(Guid.NewGuid(), "Copy escalations", "sam", Domain.Requests.RequestStatus.Submitted, true, false, ["asks for field Assignee, which the template does not include"])]);
        RenderProviders();
        var cut = RenderExisting();

        cut.Find("input#template-schedule-max").Change("10");
        await cut.Find("#template-preview").ClickAsync(new());

        Assert.Single(Templates.Previewed);
        Assert.Empty(Templates.Updated);
        Assert.Contains("Will be paused", cut.Find("[data-testid=template-impact-flow-outcome]").TextContent);
        Assert.Contains("asks for field Assignee", cut.Find("[data-testid=template-impact-request]").TextContent);
        Assert.Contains("Save version 3", cut.Find("#template-save").TextContent);

        await cut.Find("#template-save").ClickAsync(new());

        var (templateId, command) = Assert.Single(Templates.Updated);
        Assert.Equal(TemplateId, templateId);
        Assert.Equal(10, command.MaxScheduleMinutes);
    }

    [Fact]
    public async Task EditAfterPreview_ShowsImpactAgain()
    {
        RenderProviders();
        var cut = RenderExisting();

        await cut.Find("#template-preview").ClickAsync(new());
        cut.Find("input#template-schedule-max").Change("20");
        await cut.Find("#template-save").ClickAsync(new());

        Assert.Equal(2, Templates.Previewed.Count);
        Assert.Empty(Templates.Updated);
        Assert.Equal(20, Templates.Previewed[1].Command.MaxScheduleMinutes);
    }

    [Fact]
    public void Retired_DisablesChanges()
    {
        var detail = Templates.Details[TemplateId];
        Templates.Details[TemplateId] = detail with { Summary = detail.Summary with { IsRetired = true }, RetireReason = "Replaced." };
        RenderProviders();
        var cut = RenderExisting();

        Assert.Contains("Replaced.", cut.Find("#template-retired").TextContent);
        Assert.True(cut.Find("#template-preview").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("#template-retire"));
    }

    private IRenderedComponent<TemplateEditor> RenderNew() => Render<TemplateEditor>();

    private IRenderedComponent<TemplateEditor> RenderExisting() =>
        Render<TemplateEditor>(parameters => parameters.Add(p => p.TemplateId, TemplateId));

    private static TemplateDefinition Definition(int maxSchedule) => new(
        "Support bugs",
        ToolKeys.Redmine,
        ToolKeys.GitHub,
        "Copy support bugs to engineering",
        [new TemplateField("title", "title", SyncDirection.AToB), new TemplateField("status", "status", SyncDirection.AToB)],
        [new FieldMapping("title", "title", SyncDirection.AToB, [])],
        null,
        5,
        maxSchedule,
        DataClassification.Internal,
        AutoApproves: true);
}
