using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Audit;

public sealed class AuditQueries(IPortalDbContext db, ICurrentUser user) : IAuditQueries
{
    public const int MaxPageSize = 200;

    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        user.Require(Roles.Auditor, Roles.ItAdmin);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);

        // EF Core translates ToLower() to SQL lower(); the culture-aware overloads that the
        // analyzers suggest have no SQL translation.
#pragma warning disable CA1304, CA1311, CA1862
        var events = db.AuditEvents.AsNoTracking();
        if (query.BeforeId is { } beforeId)
        {
            events = events.Where(e => e.Id < beforeId);
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim().ToLowerInvariant();
            events = events.Where(e => e.ActorName.ToLower().Contains(actor));
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim().ToLowerInvariant();
            events = events.Where(e => e.Action.StartsWith(action));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLowerInvariant();
            events = events.Where(e => e.Details.ToLower().Contains(text) || e.TargetId.ToLower().Contains(text));
        }

#pragma warning restore CA1304, CA1311, CA1862
        var rows = await events.OrderByDescending(e => e.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var page = rows.Take(pageSize)
            .Select(e => new AuditEventDto(e.Id, e.At, e.ActorName, e.Action, e.TargetType, e.TargetId, e.Details))
            .ToList();
        return new AuditPage(page, rows.Count > pageSize);
    }
}
