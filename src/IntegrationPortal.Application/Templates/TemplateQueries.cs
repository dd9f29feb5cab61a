using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Templates;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Templates;

/// <summary>Reads shared by the template service, the matcher, the factory and the flow check.</summary>
internal static class TemplateQueries
{
    /// <summary>The current version of every template that is not retired.</summary>
    public static IQueryable<TemplateVersion> CurrentVersions(IPortalDbContext db) =>
        db.TemplateVersions.AsNoTracking()
            .Where(v => db.Templates.Any(t => t.Id == v.TemplateId && t.CurrentVersion == v.Number && t.RetiredAt == null));

    public static async Task<Template?> FindWithVersionsAsync(IPortalDbContext db, Guid templateId, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Templates.Include(t => t.Versions).AsQueryable();
        if (!tracked)
        {
            query = query.AsNoTracking();
        }

        return await query.SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken);
    }

    /// <summary>Reads the catalog name of every tool; the catalog lists a handful of tools.</summary>
    public static async Task<Dictionary<string, string>> ToolNamesAsync(IPortalDbContext db, CancellationToken cancellationToken) =>
        await db.Tools.AsNoTracking().ToDictionaryAsync(t => t.Key, t => t.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
}
