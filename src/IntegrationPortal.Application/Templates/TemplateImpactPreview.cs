using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Domain.Templates;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Templates;

/// <summary>
/// Works out what a new template version would affect: every flow built from the template, with how
/// it would fall outside the new version, and every open request that stays inside the template now
/// or would after the change.
/// </summary>
public sealed class TemplateImpactPreview(IPortalDbContext db, IConnectorFactory connectors)
{
    private static readonly RequestStatus[] OpenStatuses = [RequestStatus.Submitted, RequestStatus.InReview, RequestStatus.NeedsInformation];

    public async Task<TemplateImpactDto> PreviewAsync(Template template, TemplateDefinition next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(next);

        var fit = new TemplateFit(connectors, await TemplateQueries.ToolNamesAsync(db, cancellationToken));
        var flows = await FlowImpactAsync(template.Id, next, fit, cancellationToken);
        var requests = await RequestImpactAsync(template, next, fit, cancellationToken);
        return new TemplateImpactDto(template.CurrentVersion + 1, flows, requests);
    }

    private async Task<List<TemplateFlowImpactDto>> FlowImpactAsync(Guid templateId, TemplateDefinition next, TemplateFit fit, CancellationToken cancellationToken)
    {
        var flows = await db.Flows.AsNoTracking()
            .Where(f => f.TemplateId == templateId)
            .OrderBy(f => f.Name)
            .ToListAsync(cancellationToken);
        var connectionIds = flows.SelectMany(f => new[] { f.ConnectionAId, f.ConnectionBId }).Distinct().ToList();
        var tools = await db.Connections.AsNoTracking()
            .Where(c => connectionIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.ToolKey, cancellationToken);

        return
        [
            .. flows.Select(flow =>
            {
                var outside = fit.FlowDifferences(
                    next,
                    tools.GetValueOrDefault(flow.ConnectionAId, "?"),
                    tools.GetValueOrDefault(flow.ConnectionBId, "?"),
                    flow.Mappings,
                    flow.Scope,
                    flow.ScheduleMinutes);
                return new TemplateFlowImpactDto(flow.Id, flow.Name, flow.OwnerName, flow.Status, flow.TemplateVersion, [.. outside.Select(d => d.Message)]);
            }),
        ];
    }

    private async Task<List<TemplateRequestImpactDto>> RequestImpactAsync(
        Template template, TemplateDefinition next, TemplateFit fit, CancellationToken cancellationToken)
    {
        var current = template.Current.Definition;
        var pairs = new[] { current, next }.SelectMany(d => new[] { (d.ToolA, d.ToolB), (d.ToolB, d.ToolA) }).Distinct().ToList();
        var toolsA = pairs.Select(p => p.Item1).Distinct().ToList();
        var toolsB = pairs.Select(p => p.Item2).Distinct().ToList();
        var candidates = await db.Requests.AsNoTracking()
            .Where(r => OpenStatuses.Contains(r.Status) && toolsA.Contains(r.ToolA) && toolsB.Contains(r.ToolB))
            .OrderBy(r => r.SubmittedAt)
            .ToListAsync(cancellationToken);

        var impact = new List<TemplateRequestImpactDto>();
        foreach (var request in candidates)
        {
            var shape = RequestShapes.Of(request);
            var insideNow = !template.IsRetired && fit.RequestDifferences(current, shape).Count == 0;
            var after = fit.RequestDifferences(next, shape);
            if (insideNow || after.Count == 0)
            {
                impact.Add(new TemplateRequestImpactDto(request.Id, request.UseCase, request.RequesterName, request.Status, insideNow, after.Count == 0, after));
            }
        }

        return impact;
    }
}
