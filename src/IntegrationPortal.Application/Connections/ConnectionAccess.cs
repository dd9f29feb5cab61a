using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Connections;

/// <summary>
/// Works out what the current user may do with connections: IT admins may do everything, anyone
/// else what their own grants and their groups' grants allow.
/// </summary>
public sealed class ConnectionAccess(IPortalDbContext db, ICurrentUser user)
{
    /// <summary>Returns the highest right the current user has on the connection, or null for none.</summary>
    public async Task<ConnectionRight?> RightOnAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.ItAdmin))
        {
            return ConnectionRight.Manage;
        }

        var rights = await GrantsOfCurrentUser(await GroupKeysAsync(cancellationToken))
            .Where(g => g.ConnectionId == connectionId)
            .Select(g => g.Right)
            .ToListAsync(cancellationToken);
        return rights.Count == 0 ? null : rights.Max();
    }

    /// <summary>
    /// Returns the highest right per connection that the current user has through a grant. IT
    /// admins get no entries here, because their right does not come from grants.
    /// </summary>
    public async Task<Dictionary<Guid, ConnectionRight>> GrantedRightsAsync(CancellationToken cancellationToken)
    {
        var grants = await GrantsOfCurrentUser(await GroupKeysAsync(cancellationToken))
            .Select(g => new { g.ConnectionId, g.Right })
            .ToListAsync(cancellationToken);
        return grants.GroupBy(g => g.ConnectionId).ToDictionary(g => g.Key, g => g.Max(x => x.Right));
    }

    /// <summary>Throws unless the current user has at least <paramref name="needed"/> on the connection.</summary>
    public async Task RequireAsync(Guid connectionId, ConnectionRight needed, CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var right = await RightOnAsync(connectionId, cancellationToken);
        if (right is null)
        {
            // Someone without any grant does not learn that the connection exists.
            throw new NotFoundException("Connection", connectionId);
        }

        if (right < needed)
        {
            throw new ForbiddenAccessException(needed == ConnectionRight.Manage
                ? "Only IT admins and people with the Manage right on this connection can do that."
                : "You may not use this connection; ask an IT admin to share it with you.");
        }
    }

    // Group ids are stored in grants as text, in "N" format, beside user ids.
    private async Task<List<string>> GroupKeysAsync(CancellationToken cancellationToken)
    {
        var userId = user.UserId;
        var groupIds = await db.UserGroups
            .Where(g => g.Members.Any(m => m.UserId == userId))
            .Select(g => g.Id)
            .ToListAsync(cancellationToken);
        return [.. groupIds.Select(id => id.ToString("N"))];
    }

    private IQueryable<ConnectionGrant> GrantsOfCurrentUser(List<string> groupKeys)
    {
        var userId = user.UserId;
        return db.ConnectionGrants.Where(g =>
            (g.PrincipalKind == PrincipalKind.User && g.PrincipalId == userId)
            || (g.PrincipalKind == PrincipalKind.Group && groupKeys.Contains(g.PrincipalId)));
    }
}
