using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Persistence;

namespace IntegrationPortal.Infrastructure.Tests.Templates;

/// <summary>Saving a flow that a template holds: what it records and what it rejects.</summary>
public sealed class FlowFromTemplateTests : IAsyncLifetime
{
    private TemplateTestBed _bed = null!;
    private Guid _templateId;

    public async Task InitializeAsync()
    {
        _bed = await TemplateTestBed.StartAsync(DatabaseProviders.Sqlite);
        _templateId = await _bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Create_ChosenTemplate_RecordsVersion()
    {
        var requestId = await _bed.AddRequestAsync("title, status", status: RequestStatus.Approved);

        var flowId = await _bed.CreateFlowAsync(_bed.FlowCommand(requestId, _templateId));

        var flow = await _bed.ReadFlowAsync(flowId);
        Assert.Equal(_templateId, flow.TemplateId);
        Assert.Equal(1, flow.TemplateVersion);
        Assert.Contains(_templateId.ToString(), Assert.Single(await _bed.AuditDetailsAsync(AuditActions.FlowCreated, flowId.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ApprovedByTemplate_RecordsTemplate()
    {
        var requestId = await _bed.AddRequestAsync("title, status", approvedByTemplate: _templateId);

        var flowId = await _bed.CreateFlowAsync(_bed.FlowCommand(requestId));

        Assert.Equal(_templateId, (await _bed.ReadFlowAsync(flowId)).TemplateId);
    }

    [Fact]
    public async Task Create_WithoutTemplate_RecordsNone()
    {
        var requestId = await _bed.AddRequestAsync("title, status", status: RequestStatus.Approved);

        var flowId = await _bed.CreateFlowAsync(_bed.FlowCommand(requestId));

        Assert.Null((await _bed.ReadFlowAsync(flowId)).TemplateId);
    }

    [Fact]
    public async Task Create_MappingBeyondApprovingTemplate_AsksForRequest()
    {
        var requestId = await _bed.AddRequestAsync("title, status", approvedByTemplate: _templateId);
        var command = _bed.FlowCommand(requestId);
        command.Mappings.Add(new FieldMappingInput { FieldA = "tracker", FieldB = "labels", Direction = SyncDirection.AToB });

        var error = await Assert.ThrowsAsync<ValidationException>(() => _bed.CreateFlowAsync(command));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Mappings[2].FieldA", failure.PropertyName);
        Assert.Contains("tracker → labels", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("submit a request for the extra part", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DirectionBeyondTemplate_NamesDirection()
    {
        var requestId = await _bed.AddRequestAsync("title, status", approvedByTemplate: _templateId);
        var command = _bed.FlowCommand(requestId);
        command.Mappings[0].Direction = SyncDirection.Both;

        var error = await Assert.ThrowsAsync<ValidationException>(() => _bed.CreateFlowAsync(command));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Mappings[0].Direction", failure.PropertyName);
        Assert.Contains("allows Redmine to GitHub only", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ScheduleOutsideBounds_NamesSchedule()
    {
        var requestId = await _bed.AddRequestAsync("title, status", status: RequestStatus.Approved);
        var command = _bed.FlowCommand(requestId, _templateId);
        command.ScheduleMinutes = 2;

        var error = await Assert.ThrowsAsync<ValidationException>(() => _bed.CreateFlowAsync(command));

        var failure = Assert.Single(error.Errors);
        Assert.Equal(nameof(SaveFlowCommand.ScheduleMinutes), failure.PropertyName);
        Assert.Contains("every 5 to 60 minutes", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("without the template", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_TemplateFilter_MustBeKept()
    {
        var filtered = TemplateTestBed.SupportBugs();
        filtered.Name = "Support bugs with a label";
        filtered.ScopeSide = ScopeSide.B;
        filtered.ScopeField = "labels";
        filtered.ScopeValue = "support";
        var templateId = await _bed.CreateTemplateAsync(filtered);
        var requestId = await _bed.AddRequestAsync("title, status", status: RequestStatus.Approved);

        var unfiltered = _bed.FlowCommand(requestId, templateId);
        var error = await Assert.ThrowsAsync<ValidationException>(() => _bed.CreateFlowAsync(unfiltered));
        var withFilter = _bed.FlowCommand(requestId, templateId);
        withFilter.ScopeSide = ScopeSide.B;
        withFilter.ScopeField = "labels";
        withFilter.ScopeValue = "Support";
        var flowId = await _bed.CreateFlowAsync(withFilter);

        Assert.Equal(nameof(SaveFlowCommand.ScopeValue), Assert.Single(error.Errors).PropertyName);
        Assert.Equal(templateId, (await _bed.ReadFlowAsync(flowId)).TemplateId);
    }

    [Fact]
    public async Task Create_ReversedSides_ComparesReversed()
    {
        var requestId = await _bed.AddRequestAsync("title, status", status: RequestStatus.Approved);
        var command = _bed.FlowCommand(requestId, _templateId);
        (command.ConnectionAId, command.ConnectionBId) = (command.ConnectionBId, command.ConnectionAId);
        (command.ContainerA, command.ContainerB) = (command.ContainerB, command.ContainerA);
        command.Mappings =
        [
            new FieldMappingInput { FieldA = "title", FieldB = "title", Direction = SyncDirection.BToA },
            new FieldMappingInput { FieldA = "description", FieldB = "description", Direction = SyncDirection.AToB },
        ];

        var error = await Assert.ThrowsAsync<ValidationException>(() => _bed.CreateFlowAsync(command));
        command.Mappings[1].Direction = SyncDirection.BToA;
        var flowId = await _bed.CreateFlowAsync(command);

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Mappings[1].Direction", failure.PropertyName);
        Assert.Contains("copies GitHub to Redmine", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(_templateId, (await _bed.ReadFlowAsync(flowId)).TemplateId);
    }

    [Fact]
    public async Task Create_OtherTemplateThanApproving_IsRejected()
    {
        var other = TemplateTestBed.SupportBugs();
        other.Name = "Another pattern";
        var otherId = await _bed.CreateTemplateAsync(other);
        var requestId = await _bed.AddRequestAsync("title, status", approvedByTemplate: _templateId);

        var error = await Assert.ThrowsAsync<ValidationException>(() => _bed.CreateFlowAsync(_bed.FlowCommand(requestId, otherId)));

        Assert.Equal(nameof(SaveFlowCommand.TemplateId), Assert.Single(error.Errors).PropertyName);
    }
}
