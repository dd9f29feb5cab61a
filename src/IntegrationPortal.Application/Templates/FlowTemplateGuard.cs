using FluentValidation;
using FluentValidation.Results;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Domain.Templates;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Templates;

/// <summary>
/// Keeps flows inside their template. A flow is held to a template when its builder chose one or
/// when a template approved its request. The check uses the template's current version.
/// </summary>
public sealed class FlowTemplateGuard(IPortalDbContext db, IConnectorFactory connectors)
{
    /// <summary>
    /// Returns the template version a new flow is built from, or null when none applies. Throws a
    /// <see cref="ValidationException"/> naming each mapping or setting that goes beyond the template.
    /// </summary>
    public async Task<TemplateVersion?> EnsureInsideAsync(
        SaveFlowCommand command,
        IntegrationRequest request,
        string toolA,
        string toolB,
        IReadOnlyList<FieldMapping> mappings,
        ItemScope? scope,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);

        var approvedBy = request.ApprovedByTemplate ? request.TemplateId : null;
        if (approvedBy is { } approvingId && command.TemplateId is { } chosenId && chosenId != approvingId)
        {
            throw ValidatorExtensions.Invalid(
                nameof(command.TemplateId),
                $"Template '{request.TemplateName}' approved this request, so build the flow from that template.");
        }

        if ((approvedBy ?? command.TemplateId) is not { } templateId)
        {
            return null;
        }

        var template = await TemplateQueries.FindWithVersionsAsync(db, templateId, tracked: false, cancellationToken)
            ?? throw ValidatorExtensions.Invalid(nameof(command.TemplateId), "The template was not found; choose another template or none.");
        if (approvedBy is null && template.IsRetired)
        {
            throw ValidatorExtensions.Invalid(nameof(command.TemplateId), $"Template '{template.Current.Name}' is retired; build the flow without it.");
        }

        var fit = new TemplateFit(connectors, await TemplateQueries.ToolNamesAsync(db, cancellationToken));
        var differences = fit.FlowDifferences(template.Current.Definition, toolA, toolB, mappings, scope, command.ScheduleMinutes);
        if (differences.Count > 0)
        {
            var advice = approvedBy is null
                ? "Change it to fit, or build the flow without the template."
                : "Change it to fit, or submit a request for the extra part.";
            throw new ValidationException(differences.Select(d => new ValidationFailure(d.PropertyPath, $"{d.Message} {advice}")));
        }

        return template.Current;
    }

    /// <summary>
    /// Returns why an existing flow may not run under its template's current version, or null when it
    /// fits or was built without a template.
    /// </summary>
    public async Task<string?> FindReasonOutsideAsync(Flow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (flow.TemplateId is not { } templateId)
        {
            return null;
        }

        var template = await TemplateQueries.FindWithVersionsAsync(db, templateId, tracked: false, cancellationToken);
        if (template is null)
        {
            return null;
        }

        var tools = await db.Connections.AsNoTracking()
            .Where(c => c.Id == flow.ConnectionAId || c.Id == flow.ConnectionBId)
            .ToDictionaryAsync(c => c.Id, c => c.ToolKey, cancellationToken);
        var fit = new TemplateFit(connectors, await TemplateQueries.ToolNamesAsync(db, cancellationToken));
        var differences = fit.FlowDifferences(
            template.Current.Definition,
            tools.GetValueOrDefault(flow.ConnectionAId, "?"),
            tools.GetValueOrDefault(flow.ConnectionBId, "?"),
            flow.Mappings,
            flow.Scope,
            flow.ScheduleMinutes);
        return differences.Count == 0
            ? null
            : $"The flow falls outside version {template.CurrentVersion} of template '{template.Current.Name}'. {string.Join(" ", differences.Select(d => d.Message))}";
    }
}
