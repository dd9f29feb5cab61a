using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Templates;

/// <summary>
/// Compares a request with the current version of every template of its tool pair, in either order.
/// Retired templates match nothing. Matches with fewer differences come first; among equals, the
/// template whose use case shares more words with the request's comes first.
/// </summary>
public sealed class TemplateMatcher(IPortalDbContext db, IConnectorFactory connectors) : ITemplateMatcher
{
    public async Task<IReadOnlyList<TemplateMatch>> MatchAsync(RequestShape request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var toolA = request.ToolA.Trim().ToLowerInvariant();
        var toolB = request.ToolB.Trim().ToLowerInvariant();
        var versions = await TemplateQueries.CurrentVersions(db)
            .Where(v => (v.ToolA == toolA && v.ToolB == toolB) || (v.ToolA == toolB && v.ToolB == toolA))
            .ToListAsync(cancellationToken);
        var fit = new TemplateFit(connectors, await TemplateQueries.ToolNamesAsync(db, cancellationToken));

        return
        [
            .. versions
                .Select(v => (Version: v, Differences: fit.RequestDifferences(v.Definition, request), Similarity: RequestPattern.Similarity(v.UseCase, request.UseCase)))
                .OrderBy(m => m.Differences.Count)
                .ThenByDescending(m => m.Similarity)
                .ThenByDescending(m => m.Version.AutoApproves)
                .ThenBy(m => m.Version.Name, StringComparer.OrdinalIgnoreCase)
                .Select(m => new TemplateMatch(m.Version.TemplateId, m.Version.Name, m.Version.Number, m.Version.AutoApproves, m.Differences)),
        ];
    }
}
