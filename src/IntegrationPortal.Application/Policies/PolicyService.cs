using System.Text.Json;
using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows.Policy;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Application.Policies;

public sealed class PolicyService(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    IConnectorFactory connectors,
    IConnectionService connections,
    IValidator<SaveToolPolicyCommand> validator,
    PolicyEvaluator evaluator,
    FlowPolicyEnforcer enforcer,
    TimeProvider time,
    ILogger<PolicyService> logger) : IPolicyService
{
    private static readonly RequestStatus[] OpenStatuses = [RequestStatus.Submitted, RequestStatus.InReview, RequestStatus.NeedsInformation];

    public async Task<IReadOnlyList<ToolPolicySummaryDto>> ListAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var tools = await db.Tools.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var policies = await db.ToolPolicies.AsNoTracking().ToDictionaryAsync(p => p.ToolKey, cancellationToken);
        return [.. tools.Select(t =>
        {
            var policy = policies.GetValueOrDefault(t.Key);
            return new ToolPolicySummaryDto(
                t.Key,
                t.Name,
                t.Status,
                policy?.DefaultAccess ?? FieldAccess.SyncBothWays,
                policy?.FieldRules.Count ?? 0,
                policy is not null && !policy.Scope.IsUnrestricted,
                policy?.ChangedAt,
                policy?.ChangedBy);
        })];
    }

    public async Task<ToolPolicyDto> GetAsync(string toolKey, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var tool = await db.Tools.AsNoTracking().SingleOrDefaultAsync(t => t.Key == toolKey, cancellationToken)
            ?? throw new NotFoundException("Tool", toolKey);
        var policy = await db.ToolPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.ToolKey == toolKey, cancellationToken);
        var (fields, connectionName, note) = await DiscoverFieldsAsync(toolKey, cancellationToken);
        return new ToolPolicyDto(
            tool.Key,
            tool.Name,
            tool.Status,
            policy?.DefaultAccess ?? FieldAccess.SyncBothWays,
            policy?.FieldRules ?? [],
            policy?.Scope ?? ItemScopePolicy.Unrestricted,
            fields,
            connectionName,
            note,
            ToolItemTypes.KnownTypes(toolKey),
            ToolItemTypes.ContainerNoun(toolKey),
            policy?.ChangedAt,
            policy?.ChangedBy);
    }

    public async Task<PolicyImpactDto> PreviewAsync(SaveToolPolicyCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        await validator.EnsureValidAsync(command, cancellationToken);
        var proposed = await ProposeAsync(command, cancellationToken);
        return await ImpactOfAsync(proposed, cancellationToken);
    }

    public async Task<PolicySaveResult> SaveAsync(SaveToolPolicyCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        await validator.EnsureValidAsync(command, cancellationToken);
        var proposed = await ProposeAsync(command, cancellationToken);

        var policy = await db.ToolPolicies.SingleOrDefaultAsync(p => p.ToolKey == proposed.ToolKey, cancellationToken);
        if (policy is null)
        {
            policy = new ToolPolicy(proposed.ToolKey, time.GetUtcNow());
            db.ToolPolicies.Add(policy);
        }

        var fieldsBefore = DescribeFields(policy);
        var scopeBefore = DescribeScope(policy.Scope);
        var fieldsChanged = !SameJson(fieldsBefore, DescribeFields(proposed));
        var scopeChanged = !SameJson(scopeBefore, DescribeScope(proposed.Scope));
        if (!fieldsChanged && !scopeChanged)
        {
            return new PolicySaveResult(false, false, 0);
        }

        var at = time.GetUtcNow();
        if (fieldsChanged)
        {
            policy.SetFieldRules(proposed.DefaultAccess, proposed.FieldRules, at, user.UserName);
            audit.Record(AuditActions.PolicyFieldChanged, "tool", policy.ToolKey, new { Before = fieldsBefore, After = DescribeFields(policy) });
        }

        if (scopeChanged)
        {
            policy.SetScope(proposed.Scope, at, user.UserName);
            audit.Record(AuditActions.PolicyScopeChanged, "tool", policy.ToolKey, new { Before = scopeBefore, After = DescribeScope(policy.Scope) });
        }

        await db.SaveChangesAsync(cancellationToken);

        // The flows that the saved policy forbids pause now, each with its reason and audit event,
        // rather than at their next run. Flows that policy paused earlier and that every rule allows
        // again resume, and their next run catches up from their cursors.
        var paused = await enforcer.EnforceForToolAsync(policy.ToolKey, cancellationToken);
        var resumed = await enforcer.ResumeAllowedAsync(await enforcer.FlowIdsOfToolAsync(policy.ToolKey, cancellationToken), cancellationToken);
        logger.LogInformation(
            "Policy of tool {ToolKey} saved by {UserName}; {Paused} flows paused, {Resumed} resumed",
            policy.ToolKey,
            user.UserName,
            paused,
            resumed.Count);
        return new PolicySaveResult(fieldsChanged, scopeChanged, paused, resumed.Count);
    }

    /// <summary>Builds the proposed policy without tracking it, and checks field keys against the tool's fields.</summary>
    private async Task<ToolPolicy> ProposeAsync(SaveToolPolicyCommand command, CancellationToken cancellationToken)
    {
        var toolKey = command.ToolKey.Trim();
        if (!await db.Tools.AnyAsync(t => t.Key == toolKey, cancellationToken))
        {
            throw ValidatorExtensions.Invalid(nameof(command.ToolKey), $"'{toolKey}' is not in the tool catalog; choose a tool from the policies page.");
        }

        EnsureKnownFields(command, toolKey);
        var at = time.GetUtcNow();
        var proposed = new ToolPolicy(toolKey, at);
        proposed.SetFieldRules(
            command.DefaultAccess,
            command.Fields.Select(f => new FieldRule(f.Field, f.ItemType, f.Access, f.Classification)),
            at,
            user.UserName);
        var required = string.IsNullOrWhiteSpace(command.RequiredField)
            ? null
            : new ScopeRule(command.RequiredField.Trim(), command.RequiredValue.Trim());
        proposed.SetScope(
            new ItemScopePolicy(
                [.. command.AllowedContainers.Select(c => c.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)],
                required,
                [.. command.Excluded.Select(e => new ScopeRule(e.Field.Trim(), e.Value.Trim()))]),
            at,
            user.UserName);
        return proposed;
    }

    private void EnsureKnownFields(SaveToolPolicyCommand command, string toolKey)
    {
        if (!connectors.Supports(toolKey))
        {
            return;
        }

        var known = connectors.FieldsOf(toolKey).Select(f => f.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var choices = string.Join(", ", known);
        var types = ToolItemTypes.KnownTypes(toolKey);
        for (var i = 0; i < command.Fields.Count; i++)
        {
            if (!known.Contains(command.Fields[i].Field.Trim()))
            {
                throw ValidatorExtensions.Invalid($"Fields[{i}].Field", $"'{command.Fields[i].Field}' is not a field of {toolKey}; choose one of: {choices}.");
            }

            // A tool with a fixed list of item types rejects any other, because such a rule would never apply.
            var itemType = command.Fields[i].ItemType?.Trim();
            if (!string.IsNullOrEmpty(itemType) && types.Count > 0 && !types.Contains(itemType, StringComparer.OrdinalIgnoreCase))
            {
                throw ValidatorExtensions.Invalid(
                    $"Fields[{i}].ItemType", $"'{itemType}' is not an item type of {toolKey}; choose one of: {string.Join(", ", types)}.");
            }
        }

        if (!string.IsNullOrWhiteSpace(command.RequiredField) && !known.Contains(command.RequiredField.Trim()))
        {
            throw ValidatorExtensions.Invalid(nameof(command.RequiredField), $"'{command.RequiredField}' is not a field of {toolKey}; choose one of: {choices}.");
        }

        for (var i = 0; i < command.Excluded.Count; i++)
        {
            if (!known.Contains(command.Excluded[i].Field.Trim()))
            {
                throw ValidatorExtensions.Invalid($"Excluded[{i}].Field", $"'{command.Excluded[i].Field}' is not a field of {toolKey}; choose one of: {choices}.");
            }
        }
    }

    private async Task<PolicyImpactDto> ImpactOfAsync(ToolPolicy proposed, CancellationToken cancellationToken)
    {
        var toolByConnection = await db.Connections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ToolKey, cancellationToken);
        var connectionIds = toolByConnection.Where(c => c.Value == proposed.ToolKey).Select(c => c.Key).ToList();
        var flows = await db.Flows.AsNoTracking()
            .Where(f => connectionIds.Contains(f.ConnectionAId) || connectionIds.Contains(f.ConnectionBId))
            .OrderBy(f => f.Name)
            .ToListAsync(cancellationToken);
        var requests = await db.Requests.AsNoTracking()
            .Where(r => OpenStatuses.Contains(r.Status) && (r.ToolA == proposed.ToolKey || r.ToolB == proposed.ToolKey))
            .OrderBy(r => r.SubmittedAt)
            .ToListAsync(cancellationToken);

        var toolKeys = toolByConnection.Values.Concat(requests.SelectMany(r => new[] { r.ToolA, r.ToolB })).Append(proposed.ToolKey);
        var current = await PolicySnapshot.LoadAsync(db, toolKeys, cancellationToken);
        var next = current.With(proposed);

        var affectedFlows = new List<AffectedFlowDto>();
        foreach (var flow in flows)
        {
            var subject = PolicyEvaluator.SubjectOf(flow, toolByConnection[flow.ConnectionAId], toolByConnection[flow.ConnectionBId]);
            var added = NewViolations(current, next, subject);
            var allowedAgain = flow is { Status: FlowStatus.Paused, PausedByPolicy: true } && evaluator.Evaluate(next, subject).IsAllowed;
            if (added.Count > 0 || allowedAgain)
            {
                affectedFlows.Add(new AffectedFlowDto(flow.Id, flow.Name, flow.OwnerName, flow.Status, added, allowedAgain));
            }
        }

        var affectedRequests = new List<AffectedRequestDto>();
        foreach (var request in requests)
        {
            var added = NewViolations(current, next, SubjectOf(request));
            if (added.Count > 0)
            {
                affectedRequests.Add(new AffectedRequestDto(request.Id, request.UseCase, request.RequesterName, request.Status, added));
            }
        }

        return new PolicyImpactDto(affectedFlows, affectedRequests);
    }

    /// <summary>Returns the violations under the proposal that the subject does not have today.</summary>
    private List<string> NewViolations(PolicySnapshot current, PolicySnapshot next, PolicySubject subject)
    {
        var today = evaluator.Evaluate(current, subject).Violations.Select(v => v.Message).ToHashSet(StringComparer.Ordinal);
        return [.. evaluator.Evaluate(next, subject).Violations.Select(v => v.Message).Where(m => !today.Contains(m))];
    }

    /// <summary>Returns a request as the evaluator judges it: no containers, and each typed field name on both sides.</summary>
    private static PolicySubject SubjectOf(IntegrationRequest request) =>
        new(
            request.ToolA,
            request.ToolB,
            null,
            null,
            [.. request.Fields
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(name => new PolicyFieldUse(name, name, request.Direction))],
            null);

    private async Task<(IReadOnlyList<FieldDescriptor> Fields, string? Connection, string? Note)> DiscoverFieldsAsync(
        string toolKey, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking()
            .Where(c => c.ToolKey == toolKey)
            .OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name })
            .FirstOrDefaultAsync(cancellationToken);
        var fallback = connectors.Supports(toolKey) ? connectors.FieldsOf(toolKey) : [];
        if (connection is null)
        {
            return (fallback, null, "No connection to this tool exists yet, so the list shows the fields the portal's connector knows.");
        }

        try
        {
            return (await connections.ListFieldsAsync(connection.Id, cancellationToken), connection.Name, null);
        }
        catch (ConnectorException exception)
        {
            logger.LogWarning("Listing the fields of connection {ConnectionId} failed: {Message}", connection.Id, exception.Message);
            return (fallback, null, $"Connection '{connection.Name}' could not list its fields ({exception.Message}), so the list shows the fields the portal's connector knows.");
        }
    }

    private static object DescribeFields(ToolPolicy policy) => new
    {
        DefaultAccess = policy.DefaultAccess.ToString(),
        Rules = policy.FieldRules.Select(r => new
        {
            r.Field,
            r.ItemType,
            Access = r.Access?.ToString() ?? "Default",
            Classification = r.Classification.ToString(),
        }).ToList(),
    };

    private static object DescribeScope(ItemScopePolicy scope) => new
    {
        scope.AllowedContainers,
        Required = scope.Required is null ? null : $"{scope.Required.Field} = {scope.Required.Value}",
        Excluded = scope.Excluded.Select(e => $"{e.Field} = {e.Value}").ToList(),
    };

    private static bool SameJson(object left, object right) => JsonSerializer.Serialize(left) == JsonSerializer.Serialize(right);
}
