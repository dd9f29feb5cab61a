using System.Text.Json;
using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Templates;

public sealed class TemplateServiceTests : IAsyncLifetime
{
    private TemplateTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await TemplateTestBed.StartAsync(DatabaseProviders.Sqlite);

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Create_SavesVersionOne()
    {
        var templateId = await _bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());

        await using var admin = _bed.AsAdmin();
        var detail = await admin.ServiceProvider.GetRequiredService<ITemplateService>().GetAsync(templateId, CancellationToken.None);
        Assert.Equal(1, detail.Summary.Version);
        Assert.Equal("Redmine", detail.Summary.ToolAName);
        Assert.Single(detail.Versions);
        Assert.Equal(TemplateTestBed.AdminName, detail.Current.CreatedBy);
        Assert.Equal(3, detail.Current.Definition.Fields.Count);
        Assert.Equal([new ValueMapEntry("Closed", "closed")], detail.Current.Definition.DefaultMappings[1].ValueMap);
    }

    [Fact]
    public async Task Create_RecordsAuditEvent()
    {
        var templateId = await _bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());

        var details = await _bed.AuditDetailsAsync(AuditActions.TemplateCreated, templateId.ToString());
        using var created = JsonDocument.Parse(Assert.Single(details));
        var template = created.RootElement.GetProperty("template");
        Assert.Equal("Support bugs", template.GetProperty("name").GetString());
        Assert.Contains("status -> status", template.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Create_UnknownField_NamesFieldAndChoices()
    {
        var command = TemplateTestBed.SupportBugs();
        command.Fields.Add(new TemplateFieldInput { FieldA = "assignee", FieldB = "assignee", Direction = SyncDirection.AToB });

        var error = await Assert.ThrowsAsync<ValidationException>(() => _bed.CreateTemplateAsync(command));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Fields[3].FieldB", failure.PropertyName);
        Assert.Contains("'assignee' is not a field of github", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("labels", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DefaultMappingWiderThanField_NamesMapping()
    {
        var command = TemplateTestBed.SupportBugs();
        command.Mappings[0].Direction = SyncDirection.Both;

        var error = await Assert.ThrowsAsync<ValidationException>(() => _bed.CreateTemplateAsync(command));

        Assert.Equal("Mappings[0].Direction", Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public async Task Create_ScheduleBoundsReversed_NamesMaximum()
    {
        var command = TemplateTestBed.SupportBugs();
        command.MinScheduleMinutes = 90;

        var error = await Assert.ThrowsAsync<ValidationException>(() => _bed.CreateTemplateAsync(command));

        Assert.Contains(error.Errors, e => e.PropertyName == nameof(SaveTemplateCommand.MaxScheduleMinutes));
    }

    [Fact]
    public async Task Create_AsRequester_IsForbidden()
    {
        await using var requester = _bed.AsRequester();
        var service = requester.ServiceProvider.GetRequiredService<ITemplateService>();

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => service.CreateAsync(TemplateTestBed.SupportBugs(), CancellationToken.None));
    }

    [Fact]
    public async Task Update_KeepsEarlierVersionReadable()
    {
        var templateId = await _bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
        var change = TemplateTestBed.SupportBugs();
        change.MaxScheduleMinutes = 30;
        change.MaxClassification = DataClassification.Public;

        await using var admin = _bed.AsAdmin();
        var service = admin.ServiceProvider.GetRequiredService<ITemplateService>();
        var result = await service.UpdateAsync(templateId, change, CancellationToken.None);
        var detail = await service.GetAsync(templateId, CancellationToken.None);

        Assert.Equal(2, result.Version);
        Assert.Equal([2, 1], detail.Versions.Select(v => v.Number));
        Assert.Equal(30, detail.Current.Definition.MaxScheduleMinutes);
        Assert.Equal(60, detail.Versions[1].Definition.MaxScheduleMinutes);
        Assert.Equal(DataClassification.Internal, detail.Versions[1].Definition.MaxClassification);
    }

    [Fact]
    public async Task Update_AuditsBeforeAndAfter()
    {
        var templateId = await _bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
        var change = TemplateTestBed.SupportBugs();
        change.MaxScheduleMinutes = 30;

        await using (var admin = _bed.AsAdmin())
        {
            await admin.ServiceProvider.GetRequiredService<ITemplateService>().UpdateAsync(templateId, change, CancellationToken.None);
        }

        var changed = Assert.Single(await _bed.AuditDetailsAsync(AuditActions.TemplateChanged, templateId.ToString()));
        Assert.Contains("\"before\":", changed, StringComparison.Ordinal);
        Assert.Contains("every 5 to 60 minutes", changed, StringComparison.Ordinal);
        Assert.Contains("every 5 to 30 minutes", changed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_WithoutChange_IsRejected()
    {
        var templateId = await _bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());

        await using var admin = _bed.AsAdmin();
        var service = admin.ServiceProvider.GetRequiredService<ITemplateService>();

        await Assert.ThrowsAsync<DomainException>(() => service.UpdateAsync(templateId, TemplateTestBed.SupportBugs(), CancellationToken.None));
    }

    [Fact]
    public async Task Update_PausesActiveFlowOutsideNewVersion()
    {
        var templateId = await _bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
        var requestId = await _bed.AddRequestAsync("title, status", approvedByTemplate: templateId);
        var flowId = await _bed.CreateFlowAsync(_bed.FlowCommand(requestId));
        await using (var requester = _bed.AsRequester())
        {
            await requester.ServiceProvider.GetRequiredService<IFlowService>().ActivateAsync(flowId, CancellationToken.None);
        }

        var change = TemplateTestBed.SupportBugs();
        change.Fields.RemoveAt(1);
        change.Mappings.RemoveAt(1);
        TemplateChangeResult result;
        await using (var admin = _bed.AsAdmin())
        {
            result = await admin.ServiceProvider.GetRequiredService<ITemplateService>().UpdateAsync(templateId, change, CancellationToken.None);
        }

        var flow = await _bed.ReadFlowAsync(flowId);
        Assert.Equal([flowId], result.PausedFlowIds);
        Assert.Equal(FlowStatus.Paused, flow.Status);
        Assert.True(flow.PausedByPolicy);
        Assert.Contains("version 2", flow.PauseReason, StringComparison.Ordinal);
        Assert.Contains("status → status is not part of template 'Support bugs'", flow.PauseReason, StringComparison.Ordinal);
        Assert.Contains(flowId, _bed.Scheduler.Unscheduled);
        var paused = Assert.Single(await _bed.AuditDetailsAsync(AuditActions.FlowPaused, flowId.ToString()));
        Assert.Contains("\"pausedBy\":\"template\"", paused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_LeavesFlowInsideRunning()
    {
        var templateId = await _bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
        var requestId = await _bed.AddRequestAsync("title, status", approvedByTemplate: templateId);
        var flowId = await _bed.CreateFlowAsync(_bed.FlowCommand(requestId));
        await using (var requester = _bed.AsRequester())
        {
            await requester.ServiceProvider.GetRequiredService<IFlowService>().ActivateAsync(flowId, CancellationToken.None);
        }

        var change = TemplateTestBed.SupportBugs();
        change.Fields.RemoveAt(2);
        await using (var admin = _bed.AsAdmin())
        {
            await admin.ServiceProvider.GetRequiredService<ITemplateService>().UpdateAsync(templateId, change, CancellationToken.None);
        }

        Assert.Equal(FlowStatus.Active, (await _bed.ReadFlowAsync(flowId)).Status);
        Assert.DoesNotContain(flowId, _bed.Scheduler.Unscheduled);
    }

    [Fact]
    public async Task Resume_FlowOutsideTemplate_IsRejected()
    {
        var templateId = await _bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
        var requestId = await _bed.AddRequestAsync("title, status", approvedByTemplate: templateId);
        var flowId = await _bed.CreateFlowAsync(_bed.FlowCommand(requestId));
        var change = TemplateTestBed.SupportBugs();
        change.MaxScheduleMinutes = 10;
        await using (var admin = _bed.AsAdmin())
        {
            await admin.ServiceProvider.GetRequiredService<ITemplateService>().UpdateAsync(templateId, change, CancellationToken.None);
        }

        await using var requester = _bed.AsRequester();
        var flows = requester.ServiceProvider.GetRequiredService<IFlowService>();
        var error = await Assert.ThrowsAsync<DomainException>(() => flows.ActivateAsync(flowId, CancellationToken.None));

        Assert.Contains("every 5 to 10 minutes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retire_StopsMatchingAndAudits()
    {
        var templateId = await _bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
        var shape = new RequestShape("redmine", "github", "Copy bugs", ["title"], SyncDirection.AToB, DataClassification.Internal);

        await using var admin = _bed.AsAdmin();
        var matcher = admin.ServiceProvider.GetRequiredService<ITemplateMatcher>();
        var before = await matcher.MatchAsync(shape, CancellationToken.None);
        await admin.ServiceProvider.GetRequiredService<ITemplateService>().RetireAsync(templateId, "Replaced.", CancellationToken.None);
        var after = await matcher.MatchAsync(shape, CancellationToken.None);

        Assert.Single(before);
        Assert.Empty(after);
        Assert.Contains("Replaced.", Assert.Single(await _bed.AuditDetailsAsync(AuditActions.TemplateRetired, templateId.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindForRequest_ApprovedByTemplate_ReturnsCurrentVersion()
    {
        var templateId = await _bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
        var requestId = await _bed.AddRequestAsync("title", approvedByTemplate: templateId);
        var otherId = await _bed.AddRequestAsync("title", status: RequestStatus.Approved);

        await using var requester = _bed.AsRequester();
        var service = requester.ServiceProvider.GetRequiredService<ITemplateService>();
        var found = await service.FindForRequestAsync(requestId, CancellationToken.None);
        var none = await service.FindForRequestAsync(otherId, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(templateId, found.TemplateId);
        Assert.Equal(2, found.Definition.DefaultMappings.Count);
        Assert.Null(none);
    }

    [Fact]
    public async Task List_CountsFlowsBuilt()
    {
        var templateId = await _bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
        var requestId = await _bed.AddRequestAsync("title, status", approvedByTemplate: templateId);
        await _bed.CreateFlowAsync(_bed.FlowCommand(requestId));

        await using var admin = _bed.AsAdmin();
        var list = await admin.ServiceProvider.GetRequiredService<ITemplateService>().ListAsync(CancellationToken.None);

        var summary = Assert.Single(list);
        Assert.Equal(1, summary.FlowsBuilt);
        Assert.True(summary.AutoApproves);
    }
}
