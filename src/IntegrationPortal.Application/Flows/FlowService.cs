using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Flows.Policy;
using IntegrationPortal.Application.Policies;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Flows;

public sealed class FlowService(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    IConnectorFactory connectors,
    ISyncScheduler scheduler,
    IValidator<SaveFlowCommand> validator,
    FlowPolicyCheck policy,
    Templates.FlowTemplateGuard templates,
    IPolicyEvaluator policies,
    Requests.RequestProgress requestProgress,
    Connections.ConnectionAccess access,
    TimeProvider time) : IFlowService
{
    private const int RunsShown = 20;

    public async Task<Guid> CreateAsync(SaveFlowCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.Requester, Roles.ItAdmin);
        await validator.EnsureValidAsync(command, cancellationToken);

        var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken)
            ?? throw ValidatorExtensions.Invalid(nameof(command.RequestId), "The request was not found; choose an approved request.");
        EnsureMayBuild(request);

        var connectionA = await FindApprovedConnectionAsync(command.ConnectionAId, nameof(command.ConnectionAId), cancellationToken);
        var connectionB = await FindApprovedConnectionAsync(command.ConnectionBId, nameof(command.ConnectionBId), cancellationToken);
        var mappings = command.Mappings.Select(ToMapping).ToList();
        EnsureFieldsExist(mappings, connectionA, connectionB);
        var scope = ToScope(command, connectionA, connectionB);
        await EnsurePoliciesAllowAsync(command, connectionA, connectionB, mappings, scope, cancellationToken);
        var template = await templates.EnsureInsideAsync(command, request, connectionA.ToolKey, connectionB.ToolKey, mappings, scope, cancellationToken);

        var flow = new Flow(
            Guid.NewGuid(),
            command.Name.Trim(),
            request.Id,
            user.UserId!,
            user.UserName,
            connectionA.Id,
            command.ContainerA.Trim(),
            connectionB.Id,
            command.ContainerB.Trim(),
            mappings,
            command.ConflictRule,
            command.ScheduleMinutes,
            time.GetUtcNow(),
            command.DeleteRule,
            scope);
        if (template is not null)
        {
            flow.RecordTemplate(template.TemplateId, template.Number);
        }

        db.Flows.Add(flow);
        audit.Record(AuditActions.FlowCreated, "flow", flow.Id.ToString(), new
        {
            flow.Name,
            RequestId = request.Id,
            ConnectionA = connectionA.Name,
            flow.ContainerA,
            ConnectionB = connectionB.Name,
            flow.ContainerB,
            Mappings = mappings.Select(DescribeMapping),
            ConflictRule = flow.ConflictRule.ToString(),
            DeleteRule = flow.DeleteRule.ToString(),
            Scope = scope is null ? null : $"side {scope.Side} {scope.Field} contains '{scope.Value}'",
            flow.ScheduleMinutes,
            flow.TemplateId,
            flow.TemplateVersion,
        });
        requestProgress.FlowBuilt(request, flow);
        await db.SaveChangesAsync(cancellationToken);
        return flow.Id;
    }

    public async Task ActivateAsync(Guid flowId, CancellationToken cancellationToken)
    {
        var flow = await FindOwnedAsync(flowId, cancellationToken);
        var check = await policy.CheckAsync(flow, cancellationToken);
        if (!check.IsAllowed)
        {
            throw new Domain.Common.DomainException($"The flow cannot run under the current policies. {check.Reason}");
        }

        var resuming = flow.Status == FlowStatus.Paused;
        var pauseReason = flow.PauseReason;
        flow.Activate();
        if (resuming)
        {
            audit.Record(AuditActions.FlowResumed, "flow", flow.Id.ToString(), new { flow.Name, PauseReason = pauseReason, flow.ScheduleMinutes });
        }
        else
        {
            audit.Record(AuditActions.FlowActivated, "flow", flow.Id.ToString(), new { flow.Name, flow.ScheduleMinutes });
            var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == flow.RequestId, cancellationToken);
            if (request is not null)
            {
                requestProgress.FlowActivated(request, flow);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        scheduler.Schedule(flow.Id, flow.ScheduleMinutes);
        scheduler.Enqueue(flow.Id);
    }

    public async Task PauseAsync(Guid flowId, string reason, CancellationToken cancellationToken)
    {
        var flow = await FindOwnedAsync(flowId, cancellationToken);
        var text = string.IsNullOrWhiteSpace(reason) ? $"Paused by {user.UserName}." : reason.Trim();
        flow.Pause(text, time.GetUtcNow());
        audit.Record(AuditActions.FlowPaused, "flow", flow.Id.ToString(), new { flow.Name, Reason = text });
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Unschedule(flow.Id);
    }

    public async Task RunNowAsync(Guid flowId, CancellationToken cancellationToken)
    {
        var flow = await FindOwnedAsync(flowId, cancellationToken);
        if (flow.Status == FlowStatus.Paused)
        {
            throw new Domain.Common.DomainException("The flow is paused, so it cannot run. Press Resume first. The flow's page shows why it was paused.");
        }

        if (flow.Status != FlowStatus.Active)
        {
            throw new Domain.Common.DomainException("Activate the flow before running it.");
        }

        audit.Record(AuditActions.FlowRunRequested, "flow", flow.Id.ToString(), new { flow.Name });
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Enqueue(flow.Id);
    }

    public async Task<IReadOnlyList<FlowSummaryDto>> ListAsync(CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var query = db.Flows.AsNoTracking();
        if (!user.IsInRole(Roles.ItAdmin) && !user.IsInRole(Roles.Auditor))
        {
            query = query.Where(f => f.OwnerId == user.UserId);
        }

        var flows = await query.ToListAsync(cancellationToken);
        var tools = await ToolKeysByConnectionAsync(cancellationToken);
        var summaries = new List<FlowSummaryDto>(flows.Count);
        foreach (var flow in flows.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase))
        {
            var lastRun = await db.SyncRuns.AsNoTracking()
                .Where(r => r.FlowId == flow.Id)
                .OrderByDescending(r => r.StartedAt)
                .FirstOrDefaultAsync(cancellationToken);
            summaries.Add(Summarize(flow, tools, lastRun));
        }

        return summaries;
    }

    public async Task<FlowDetailDto> GetAsync(Guid flowId, CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var flow = await db.Flows.AsNoTracking().SingleOrDefaultAsync(f => f.Id == flowId, cancellationToken)
            ?? throw new NotFoundException("Flow", flowId);
        EnsureMaySee(flow);

        var runs = await db.SyncRuns.AsNoTracking()
            .Where(r => r.FlowId == flowId)
            .OrderByDescending(r => r.StartedAt)
            .Take(RunsShown)
            .ToListAsync(cancellationToken);
        var linked = await db.ItemLinks.CountAsync(l => l.FlowId == flowId, cancellationToken);
        var flagged = await db.ItemLinks.CountAsync(l => l.FlowId == flowId && l.State != LinkState.Active, cancellationToken);
        var tools = await ToolKeysByConnectionAsync(cancellationToken);
        return new FlowDetailDto(
            Summarize(flow, tools, runs.FirstOrDefault()),
            flow.RequestId,
            flow.Mappings,
            flow.ConflictRule,
            flow.DeleteRule,
            flow.Scope,
            flow.ScheduleMinutes,
            flow.PauseReason,
            flow.Version,
            linked,
            flagged,
            [.. runs.Select(ToDto)]);
    }

    /// <summary>Reads the tool of every connection in one query; a portal has tens of connections, not thousands.</summary>
    private async Task<Dictionary<Guid, string>> ToolKeysByConnectionAsync(CancellationToken cancellationToken) =>
        await db.Connections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ToolKey, cancellationToken);

    private static FlowSummaryDto Summarize(Flow flow, Dictionary<Guid, string> tools, SyncRun? lastRun) =>
        new(
            flow.Id,
            flow.Name,
            flow.OwnerName,
            tools.GetValueOrDefault(flow.ConnectionAId, "?"),
            flow.ContainerA,
            tools.GetValueOrDefault(flow.ConnectionBId, "?"),
            flow.ContainerB,
            flow.Status,
            lastRun?.StartedAt,
            lastRun?.Status,
            flow.PauseReason,
            flow.PausedAt,
            flow.PausedByPolicy);

    private void EnsureMayBuild(IntegrationRequest request)
    {
        // A built or live request may get more flows, such as a second project pair.
        if (request.Status is not (RequestStatus.Approved or RequestStatus.Built or RequestStatus.Live))
        {
            throw ValidatorExtensions.Invalid(nameof(SaveFlowCommand.RequestId), "Only an approved request can have a flow; wait for IT's approval.");
        }

        if (request.RequesterId != user.UserId && !user.IsInRole(Roles.ItAdmin))
        {
            throw new ForbiddenAccessException("Only the requester or an IT admin can build a flow for this request.");
        }
    }

    private void EnsureMaySee(Flow flow)
    {
        if (flow.OwnerId != user.UserId && !user.IsInRole(Roles.ItAdmin) && !user.IsInRole(Roles.Auditor))
        {
            throw new NotFoundException("Flow", flow.Id);
        }
    }

    private async Task<Flow> FindOwnedAsync(Guid flowId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Requester, Roles.ItAdmin);
        var flow = await db.Flows.SingleOrDefaultAsync(f => f.Id == flowId, cancellationToken)
            ?? throw new NotFoundException("Flow", flowId);
        if (flow.OwnerId != user.UserId && !user.IsInRole(Roles.ItAdmin))
        {
            throw new ForbiddenAccessException("Only the flow's owner or an IT admin can change it.");
        }

        return flow;
    }

    private async Task<Connection> FindApprovedConnectionAsync(Guid connectionId, string propertyName, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
            ?? throw ValidatorExtensions.Invalid(propertyName, "The connection was not found; choose one from the list.");
        if (connection.IsRevoked)
        {
            throw ValidatorExtensions.Invalid(propertyName, $"Connection '{connection.Name}' was revoked. Choose another connection.");
        }

        if (await access.RightOnAsync(connection.Id, cancellationToken) is null)
        {
            throw ValidatorExtensions.Invalid(propertyName, $"You may not use connection '{connection.Name}'. Choose a connection shared with you, or ask IT to share this one.");
        }

        var status = await db.Tools.Where(t => t.Key == connection.ToolKey).Select(t => t.Status).SingleOrDefaultAsync(cancellationToken);
        if (status != ToolStatus.Approved)
        {
            throw ValidatorExtensions.Invalid(propertyName, $"The tool of connection '{connection.Name}' is not approved in the catalog.");
        }

        return connection;
    }

    private void EnsureFieldsExist(List<FieldMapping> mappings, Connection connectionA, Connection connectionB)
    {
        var fieldsA = connectors.FieldsOf(connectionA.ToolKey).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var fieldsB = connectors.FieldsOf(connectionB.ToolKey).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < mappings.Count; i++)
        {
            if (!fieldsA.Contains(mappings[i].FieldA))
            {
                throw ValidatorExtensions.Invalid($"Mappings[{i}].FieldA", $"'{mappings[i].FieldA}' is not a field of {connectionA.ToolKey}; choose one of: {string.Join(", ", fieldsA)}.");
            }

            if (!fieldsB.Contains(mappings[i].FieldB))
            {
                throw ValidatorExtensions.Invalid($"Mappings[{i}].FieldB", $"'{mappings[i].FieldB}' is not a field of {connectionB.ToolKey}; choose one of: {string.Join(", ", fieldsB)}.");
            }
        }

        EnsureValueMaps(mappings, connectionA, connectionB);
    }

    // A field that accepts only a fixed list of values (GitHub's state) rejects every other value,
    // so copying into it from a field with other values needs a value map, or every create fails.
    private void EnsureValueMaps(List<FieldMapping> mappings, Connection connectionA, Connection connectionB)
    {
        var fieldsA = connectors.FieldsOf(connectionA.ToolKey).ToDictionary(f => f.Key, StringComparer.Ordinal);
        var fieldsB = connectors.FieldsOf(connectionB.ToolKey).ToDictionary(f => f.Key, StringComparer.Ordinal);
        for (var i = 0; i < mappings.Count; i++)
        {
            var mapping = mappings[i];
            if (mapping.ValueMap.Count > 0)
            {
                continue;
            }

            var fieldA = fieldsA[mapping.FieldA];
            var fieldB = fieldsB[mapping.FieldB];
            if (mapping.CopiesAToB && NeedsValueMap(fieldA, fieldB))
            {
                throw MissingValueMap(i, connectionB, fieldB, connectionA, fieldA);
            }

            if (mapping.CopiesBToA && NeedsValueMap(fieldB, fieldA))
            {
                throw MissingValueMap(i, connectionA, fieldA, connectionB, fieldB);
            }
        }
    }

    private static bool NeedsValueMap(FieldDescriptor source, FieldDescriptor target) =>
        target.AllowedValues is { Count: > 0 } allowed
        && !(source.AllowedValues is { Count: > 0 } offered && offered.All(value => allowed.Contains(value, StringComparer.Ordinal)));

    private static ValidationException MissingValueMap(int index, Connection target, FieldDescriptor targetField, Connection source, FieldDescriptor sourceField) =>
        ValidatorExtensions.Invalid(
            $"Mappings[{index}].ValueMap",
            $"{targetField.DisplayName} of '{target.Name}' accepts only {string.Join(", ", targetField.AllowedValues!)}; " +
            $"add a value map that turns each {sourceField.DisplayName} of '{source.Name}' into one of them.");

    /// <summary>
    /// Rejects a flow that IT's field or item scope policies forbid, with each violation at the
    /// form field it concerns (a mapping, a container or the item filter).
    /// </summary>
    private async Task EnsurePoliciesAllowAsync(
        SaveFlowCommand command, Connection connectionA, Connection connectionB, List<FieldMapping> mappings, ItemScope? scope, CancellationToken cancellationToken)
    {
        var subject = new PolicySubject(
            connectionA.ToolKey,
            connectionB.ToolKey,
            command.ContainerA.Trim(),
            command.ContainerB.Trim(),
            [.. mappings.Select(m => new PolicyFieldUse(m.FieldA, m.FieldB, m.Direction))],
            scope);
        var verdict = await policies.EvaluateAsync(subject, cancellationToken);
        if (!verdict.IsAllowed)
        {
            throw new ValidationException(verdict.Violations.Select(v => new FluentValidation.Results.ValidationFailure(FormField(v.Field), v.Message)));
        }
    }

    private static string FormField(string? subjectField) => subjectField switch
    {
        "ToolA" => nameof(SaveFlowCommand.ConnectionAId),
        "ToolB" => nameof(SaveFlowCommand.ConnectionBId),
        "Scope" => nameof(SaveFlowCommand.ScopeValue),
        _ => subjectField ?? string.Empty,
    };

    private static FieldMapping ToMapping(FieldMappingInput input) => new(
        input.FieldA,
        input.FieldB,
        input.Direction,
        [.. input.ValueMap.Select(v => new ValueMapEntry(v.ValueA.Trim(), v.ValueB.Trim()))],
        input.ConflictRule);

    private ItemScope? ToScope(SaveFlowCommand command, Connection connectionA, Connection connectionB)
    {
        if (command.ScopeSide is not { } side)
        {
            return null;
        }

        var connection = side == ScopeSide.A ? connectionA : connectionB;
        var fields = connectors.FieldsOf(connection.ToolKey).Select(f => f.Key).ToList();
        if (!fields.Contains(command.ScopeField, StringComparer.Ordinal))
        {
            throw ValidatorExtensions.Invalid(
                nameof(command.ScopeField),
                $"'{command.ScopeField}' is not a field of {connection.ToolKey}; choose one of: {string.Join(", ", fields)}.");
        }

        return new ItemScope(side, command.ScopeField, command.ScopeValue.Trim());
    }

    private static string DescribeMapping(FieldMapping mapping)
    {
        var text = $"{mapping.FieldA} {DirectionArrow(mapping.Direction)} {mapping.FieldB}";
        return mapping.ConflictRule is { } rule ? $"{text} (conflicts: {rule})" : text;
    }

    private static string DirectionArrow(SyncDirection direction) => direction switch
    {
        SyncDirection.AToB => "->",
        SyncDirection.BToA => "<-",
        _ => "<->",
    };

    private static SyncRunDto ToDto(SyncRun r) => new(
        r.Id,
        r.Trigger,
        r.StartedAt,
        r.FinishedAt,
        r.Status,
        r.ItemsRead,
        r.ItemsCreated,
        r.ItemsUpdated,
        r.Conflicts,
        r.ItemsFailed,
        r.Warnings,
        r.Error,
        r.RetryAt);
}
