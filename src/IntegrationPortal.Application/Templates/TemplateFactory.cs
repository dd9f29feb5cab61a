using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Domain.Templates;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Templates;

/// <summary>
/// Builds the narrowest auto-approving template that every given request stays inside: the requests'
/// tool pair, the union of their fields resolved to field keys, for each field the widest direction
/// requested, and the highest classification. Title to title is always included because every flow
/// maps it. Flows may run on any schedule and sync every item.
/// </summary>
public sealed class TemplateFactory(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    IConnectorFactory connectors,
    TimeProvider time) : ITemplateFactory
{
    private const string TitleKey = "title";

    public async Task<TemplateMatch> CreateFromRequestsAsync(string name, IReadOnlyList<Guid> requestIds, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        ArgumentNullException.ThrowIfNull(requestIds);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > TemplateDefinition.MaxNameLength)
        {
            throw ValidatorExtensions.Invalid(nameof(name), $"Name the template in 1 to {TemplateDefinition.MaxNameLength} characters, such as \"Support bugs to engineering\".");
        }

        var requests = await LoadRequestsAsync(requestIds, cancellationToken);
        var fit = new TemplateFit(connectors, await TemplateQueries.ToolNamesAsync(db, cancellationToken));
        var definition = Build(name.Trim(), requests, fit);

        var template = new Template(Guid.NewGuid(), definition, user.UserName, time.GetUtcNow());
        db.Templates.Add(template);
        audit.Record(AuditActions.TemplateCreated, "template", template.Id.ToString(), new
        {
            Version = 1,
            RequestIds = requests.Select(r => r.Id),
            Template = TemplateAudit.Describe(definition),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new TemplateMatch(template.Id, definition.Name, 1, definition.AutoApproves, []);
    }

    private async Task<List<IntegrationRequest>> LoadRequestsAsync(IReadOnlyList<Guid> requestIds, CancellationToken cancellationToken)
    {
        var ids = requestIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw ValidatorExtensions.Invalid(nameof(requestIds), "Choose at least one request to build the template from.");
        }

        var found = await db.Requests.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var missing = ids.FirstOrDefault(id => !found.ContainsKey(id));
        if (missing != Guid.Empty)
        {
            throw new NotFoundException("Request", missing);
        }

        return [.. ids.Select(id => found[id])];
    }

    private static TemplateDefinition Build(string name, List<IntegrationRequest> requests, TemplateFit fit)
    {
        var first = requests[0];
        var toolA = first.ToolA.Trim().ToLowerInvariant();
        var toolB = first.ToolB.Trim().ToLowerInvariant();
        var fields = new Dictionary<(string FieldA, string FieldB), SyncDirection>();
        var classification = DataClassification.Public;
        foreach (var request in requests)
        {
            var reversed = EnsureSamePair(request, toolA, toolB, fit);
            var direction = reversed ? SyncDirections.Reverse(request.Direction) : request.Direction;
            foreach (var pair in ResolveFields(request, toolA, toolB, fit))
            {
                fields[pair] = fields.TryGetValue(pair, out var known) ? SyncDirections.Widest(known, direction) : direction;
            }

            classification = request.Classification > classification ? request.Classification : classification;
        }

        if (fit.ResolvePair(TitleKey, toolA, toolB) is { } title && !fields.ContainsKey(title))
        {
            fields[title] = fields.Values.Aggregate(SyncDirections.Widest);
        }

        var templateFields = fields.Select(f => new TemplateField(f.Key.FieldA, f.Key.FieldB, f.Value)).ToList();
        return new TemplateDefinition(
            name,
            toolA,
            toolB,
            first.UseCase,
            templateFields,
            [.. templateFields.Select(f => new FieldMapping(f.FieldA, f.FieldB, f.Direction, []))],
            null,
            Flow.MinScheduleMinutes,
            Flow.MaxScheduleMinutes,
            classification,
            AutoApproves: true);
    }

    /// <summary>Returns whether the request names the pair in the opposite order; rejects a request of another pair.</summary>
    private static bool EnsureSamePair(IntegrationRequest request, string toolA, string toolB, TemplateFit fit)
    {
        var requestA = request.ToolA.Trim().ToLowerInvariant();
        var requestB = request.ToolB.Trim().ToLowerInvariant();
        if (requestA == toolA && requestB == toolB)
        {
            return false;
        }

        if (requestA == toolB && requestB == toolA)
        {
            return true;
        }

        throw ValidatorExtensions.Invalid(
            "requestIds",
            $"Request \"{request.UseCase}\" ({request.Id}) connects {fit.ToolName(requestA)} and {fit.ToolName(requestB)}, " +
            $"not {fit.ToolName(toolA)} and {fit.ToolName(toolB)}; leave it out of this template.");
    }

    private static List<(string FieldA, string FieldB)> ResolveFields(IntegrationRequest request, string toolA, string toolB, TemplateFit fit)
    {
        var names = TemplateFit.DistinctNames(RequestShapes.SplitFields(request.Fields)).ToList();
        if (names.Count == 0)
        {
            throw ValidatorExtensions.Invalid(
                "requestIds",
                $"Request \"{request.UseCase}\" ({request.Id}) names no fields; ask the requester which fields to sync, or leave it out of this template.");
        }

        var pairs = new List<(string FieldA, string FieldB)>();
        foreach (var name in names)
        {
            var pair = fit.ResolvePair(name, toolA, toolB) ?? throw ValidatorExtensions.Invalid(
                "requestIds",
                $"Request \"{request.UseCase}\" ({request.Id}) asks for field '{name}', which {fit.ToolName(toolA)} and {fit.ToolName(toolB)} do not both have; " +
                "ask the requester to correct it, or leave the request out of this template.");
            pairs.Add(pair);
        }

        return pairs;
    }
}
