using FluentValidation;
using FluentValidation.Results;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Templates;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Application.Templates;

public sealed class TemplateService(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    IConnectorFactory connectors,
    ISyncScheduler scheduler,
    IValidator<SaveTemplateCommand> validator,
    TemplateImpactPreview preview,
    TimeProvider time,
    ILogger<TemplateService> logger) : ITemplateService
{
    public async Task<IReadOnlyList<TemplateSummaryDto>> ListAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var templates = await db.Templates.AsNoTracking().Include(t => t.Versions).ToListAsync(cancellationToken);
        var flowCounts = await FlowCountsAsync(cancellationToken);
        var toolNames = await TemplateQueries.ToolNamesAsync(db, cancellationToken);

        return
        [
            .. templates
                .Select(t => Summarize(t, toolNames, flowCounts))
                .OrderBy(t => t.IsRetired)
                .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase),
        ];
    }

    public async Task<TemplateDetailDto> GetAsync(Guid templateId, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var template = await TemplateQueries.FindWithVersionsAsync(db, templateId, tracked: false, cancellationToken)
            ?? throw new NotFoundException("Template", templateId);
        var flowCounts = await FlowCountsAsync(cancellationToken);
        var toolNames = await TemplateQueries.ToolNamesAsync(db, cancellationToken);

        return new TemplateDetailDto(
            Summarize(template, toolNames, flowCounts),
            template.RetireReason,
            [.. template.Versions.OrderByDescending(v => v.Number).Select(ToDto)]);
    }

    public async Task<IReadOnlyList<TemplateToolDto>> ListToolsAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var tools = await db.Tools.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return [.. tools.Where(t => connectors.Supports(t.Key)).Select(t => new TemplateToolDto(t.Key, t.Name, connectors.FieldsOf(t.Key)))];
    }

    public async Task<Guid> CreateAsync(SaveTemplateCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var definition = await ToDefinitionAsync(command, cancellationToken);

        var template = new Template(Guid.NewGuid(), definition, user.UserName, time.GetUtcNow());
        db.Templates.Add(template);
        audit.Record(AuditActions.TemplateCreated, "template", template.Id.ToString(), new { Version = 1, Template = TemplateAudit.Describe(definition) });
        await db.SaveChangesAsync(cancellationToken);
        return template.Id;
    }

    public async Task<TemplateImpactDto> PreviewChangeAsync(Guid templateId, SaveTemplateCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var template = await TemplateQueries.FindWithVersionsAsync(db, templateId, tracked: false, cancellationToken)
            ?? throw new NotFoundException("Template", templateId);
        var definition = await ToDefinitionAsync(command, cancellationToken);
        return await preview.PreviewAsync(template, definition, cancellationToken);
    }

    public async Task<TemplateChangeResult> UpdateAsync(Guid templateId, SaveTemplateCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var template = await TemplateQueries.FindWithVersionsAsync(db, templateId, tracked: true, cancellationToken)
            ?? throw new NotFoundException("Template", templateId);
        var definition = await ToDefinitionAsync(command, cancellationToken);
        var impact = await preview.PreviewAsync(template, definition, cancellationToken);
        var before = template.Current.Definition;

        var version = template.Revise(definition, user.UserName, time.GetUtcNow());
        db.TemplateVersions.Add(version);
        var paused = await PauseFlowsOutsideAsync(impact, version, cancellationToken);
        audit.Record(AuditActions.TemplateChanged, "template", template.Id.ToString(), new
        {
            Version = version.Number,
            Before = TemplateAudit.Describe(before),
            After = TemplateAudit.Describe(definition),
            PausedFlows = paused,
        });
        await db.SaveChangesAsync(cancellationToken);

        foreach (var flowId in paused)
        {
            scheduler.Unschedule(flowId);
        }

        return new TemplateChangeResult(version.Number, paused);
    }

    public async Task RetireAsync(Guid templateId, string? reason, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        if (reason?.Trim().Length > Template.MaxRetireReasonLength)
        {
            throw ValidatorExtensions.Invalid("Reason", $"Shorten the reason to at most {Template.MaxRetireReasonLength} characters.");
        }

        var template = await TemplateQueries.FindWithVersionsAsync(db, templateId, tracked: true, cancellationToken)
            ?? throw new NotFoundException("Template", templateId);
        template.Retire(user.UserName, reason, time.GetUtcNow());
        audit.Record(AuditActions.TemplateRetired, "template", template.Id.ToString(), new { template.Current.Name, Version = template.CurrentVersion, Reason = template.RetireReason });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<TemplateVersionDto?> FindForRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Requester, Roles.ItAdmin);
        var request = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || (request.RequesterId != user.UserId && !user.IsInRole(Roles.ItAdmin)))
        {
            throw new NotFoundException("Request", requestId);
        }

        // A request recorded with differences only came close to its template, so flows are not held to it.
        if (request.TemplateId is not { } templateId || request.TemplateDifferences is not null)
        {
            return null;
        }

        var template = await TemplateQueries.FindWithVersionsAsync(db, templateId, tracked: false, cancellationToken);
        return template is null ? null : ToDto(template.Current);
    }

    private static TemplateVersionDto ToDto(TemplateVersion version) =>
        new(version.TemplateId, version.Number, version.CreatedBy, version.CreatedAt, version.Definition);

    private static TemplateSummaryDto Summarize(Template template, Dictionary<string, string> toolNames, Dictionary<Guid, int> flowCounts)
    {
        var current = template.Current;
        return new TemplateSummaryDto(
            template.Id,
            current.Name,
            current.ToolA,
            toolNames.GetValueOrDefault(current.ToolA, current.ToolA),
            current.ToolB,
            toolNames.GetValueOrDefault(current.ToolB, current.ToolB),
            current.UseCase,
            current.Number,
            current.AutoApproves,
            template.IsRetired,
            flowCounts.GetValueOrDefault(template.Id));
    }

    private async Task<Dictionary<Guid, int>> FlowCountsAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Flows.AsNoTracking()
            .Where(f => f.TemplateId != null)
            .GroupBy(f => f.TemplateId)
            .Select(g => new { TemplateId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.TemplateId!.Value, c => c.Count);
    }

    private async Task<List<Guid>> PauseFlowsOutsideAsync(TemplateImpactDto impact, TemplateVersion version, CancellationToken cancellationToken)
    {
        var paused = new List<Guid>();
        foreach (var entry in impact.Flows.Where(f => f.WillPause))
        {
            var flow = await db.Flows.SingleAsync(f => f.Id == entry.FlowId, cancellationToken);
            var reason = PauseReason(version, entry.Outside);
            flow.Pause(reason, time.GetUtcNow(), byPolicy: true);
            audit.Record(AuditActions.FlowPaused, "flow", flow.Id.ToString(), new
            {
                flow.Name,
                Reason = reason,
                PausedBy = "template",
                TemplateId = version.TemplateId,
                TemplateVersion = version.Number,
            });
            logger.LogWarning(
                "Flow {FlowId} was paused because it falls outside version {TemplateVersion} of template {TemplateId}",
                flow.Id,
                version.Number,
                version.TemplateId);
            paused.Add(flow.Id);
        }

        return paused;
    }

    private static string PauseReason(TemplateVersion version, IReadOnlyList<string> outside)
    {
        var text = $"Template '{version.Name}' changed to version {version.Number}, and the flow falls outside it. {string.Join(" ", outside)}";
        return text.Length <= Flow.MaxPauseReasonLength ? text : string.Concat(text.AsSpan(0, Flow.MaxPauseReasonLength - 1), "…");
    }

    /// <summary>Validates the command against its rules, the catalog and the tools' fields, and builds the definition.</summary>
    private async Task<TemplateDefinition> ToDefinitionAsync(SaveTemplateCommand command, CancellationToken cancellationToken)
    {
        await validator.EnsureValidAsync(command, cancellationToken);
        var toolA = command.ToolA.Trim().ToLowerInvariant();
        var toolB = command.ToolB.Trim().ToLowerInvariant();
        var failures = new List<ValidationFailure>();
        await CheckToolAsync(toolA, nameof(command.ToolA), failures, cancellationToken);
        await CheckToolAsync(toolB, nameof(command.ToolB), failures, cancellationToken);
        ThrowIfAny(failures);

        var fieldsA = connectors.FieldsOf(toolA).Select(f => f.Key).ToList();
        var fieldsB = connectors.FieldsOf(toolB).Select(f => f.Key).ToList();
        var fields = command.Fields.Select(f => new TemplateField(f.FieldA, f.FieldB, f.Direction)).ToList();
        for (var i = 0; i < fields.Count; i++)
        {
            CheckField(fields[i].FieldA, toolA, fieldsA, $"Fields[{i}].FieldA", failures);
            CheckField(fields[i].FieldB, toolB, fieldsB, $"Fields[{i}].FieldB", failures);
        }

        var mappings = command.Mappings.Select(ToMapping).ToList();
        for (var i = 0; i < mappings.Count; i++)
        {
            CheckDefaultMapping(mappings[i], fields, i, failures);
        }

        ItemScope? filter = null;
        if (command.ScopeSide is { } side)
        {
            var sideTool = side == ScopeSide.A ? toolA : toolB;
            CheckField(command.ScopeField, sideTool, side == ScopeSide.A ? fieldsA : fieldsB, nameof(command.ScopeField), failures);
            filter = new ItemScope(side, command.ScopeField, command.ScopeValue.Trim());
        }

        ThrowIfAny(failures);
        return new TemplateDefinition(
            command.Name.Trim(),
            toolA,
            toolB,
            command.UseCase.Trim(),
            fields,
            mappings,
            filter,
            command.MinScheduleMinutes,
            command.MaxScheduleMinutes,
            command.MaxClassification,
            command.AutoApproves);
    }

    private async Task CheckToolAsync(string toolKey, string propertyName, List<ValidationFailure> failures, CancellationToken cancellationToken)
    {
        if (!await db.Tools.AnyAsync(t => t.Key == toolKey, cancellationToken) || !connectors.Supports(toolKey))
        {
            failures.Add(new ValidationFailure(propertyName, $"Tool '{toolKey}' is not a catalog tool with a connector; choose one from the list."));
        }
    }

    private static void CheckField(string field, string toolKey, List<string> known, string path, List<ValidationFailure> failures)
    {
        if (!known.Contains(field, StringComparer.Ordinal))
        {
            failures.Add(new ValidationFailure(path, $"'{field}' is not a field of {toolKey}; choose one of: {string.Join(", ", known)}."));
        }
    }

    private static void CheckDefaultMapping(FieldMapping mapping, List<TemplateField> fields, int index, List<ValidationFailure> failures)
    {
        var field = fields.FirstOrDefault(f => f.FieldA == mapping.FieldA && f.FieldB == mapping.FieldB);
        if (field is null)
        {
            failures.Add(new ValidationFailure(
                $"Mappings[{index}].FieldA",
                $"The default mapping {mapping.FieldA} → {mapping.FieldB} is not one of the template's field pairs; add the pair above or change the mapping."));
        }
        else if (!SyncDirections.Allows(field.Direction, mapping.Direction))
        {
            failures.Add(new ValidationFailure(
                $"Mappings[{index}].Direction",
                $"The default mapping {mapping.FieldA} → {mapping.FieldB} copies in a direction its field pair does not allow; narrow the mapping or widen the pair."));
        }
    }

    private static void ThrowIfAny(List<ValidationFailure> failures)
    {
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }

    private static FieldMapping ToMapping(FieldMappingInput input) => new(
        input.FieldA,
        input.FieldB,
        input.Direction,
        [.. input.ValueMap.Select(v => new ValueMapEntry(v.ValueA.Trim(), v.ValueB.Trim()))],
        input.ConflictRule);
}
