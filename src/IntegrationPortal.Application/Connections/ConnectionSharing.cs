using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Connections;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Connections;

/// <summary>
/// Reads and changes a connection's grants. The caller's Manage right must be checked first, as
/// <see cref="ConnectionService"/> does.
/// </summary>
public sealed class ConnectionSharing(
    IPortalDbContext db,
    ICurrentUser user,
    IUserDirectory directory,
    IAuditLog audit,
    IValidator<ShareConnectionCommand> validator,
    TimeProvider time)
{
    public async Task<IReadOnlyList<ConnectionGrantDto>> ListGrantsAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var grants = await db.ConnectionGrants.AsNoTracking()
            .Where(g => g.ConnectionId == connectionId)
            .ToListAsync(cancellationToken);
        return [.. grants
            .OrderBy(g => g.PrincipalKind)
            .ThenBy(g => g.PrincipalName, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ConnectionGrantDto(g.Id, g.PrincipalKind, g.PrincipalId, g.PrincipalName, g.Right, g.GrantedBy, g.GrantedAt))];
    }

    /// <summary>Lists the groups, then the users, each by name.</summary>
    public async Task<IReadOnlyList<SharePrincipalDto>> ListPrincipalsAsync(CancellationToken cancellationToken)
    {
        var groups = await db.UserGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        var users = await directory.ListAsync(cancellationToken);
        return
        [
            .. groups.Select(g => new SharePrincipalDto(PrincipalKind.Group, g.Id.ToString("N"), g.Name)),
            .. users.Select(u => new SharePrincipalDto(PrincipalKind.User, u.Id, u.UserName)),
        ];
    }

    public async Task<Guid> ShareAsync(Connection connection, ShareConnectionCommand command, CancellationToken cancellationToken)
    {
        await validator.EnsureValidAsync(command, cancellationToken);
        var principalName = await ResolveNameAsync(command, cancellationToken);
        var now = time.GetUtcNow();

        var grant = await db.ConnectionGrants.SingleOrDefaultAsync(
            g => g.ConnectionId == connection.Id && g.PrincipalKind == command.PrincipalKind && g.PrincipalId == command.PrincipalId,
            cancellationToken);
        var before = grant?.Right;
        if (grant is null)
        {
            grant = new ConnectionGrant(Guid.NewGuid(), connection.Id, command.PrincipalKind, command.PrincipalId, principalName, command.Right, user.UserName, now);
            db.ConnectionGrants.Add(grant);
        }
        else
        {
            grant.ChangeRight(command.Right, user.UserName, now);
        }

        audit.Record(AuditActions.ConnectionShared, "connection", connection.Id.ToString(), new
        {
            connection.Name,
            PrincipalKind = command.PrincipalKind.ToString(),
            Principal = principalName,
            Before = before?.ToString(),
            Right = command.Right.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return grant.Id;
    }

    public async Task UnshareAsync(Guid grantId, CancellationToken cancellationToken)
    {
        var grant = await db.ConnectionGrants.SingleAsync(g => g.Id == grantId, cancellationToken);
        var name = await db.Connections.Where(c => c.Id == grant.ConnectionId).Select(c => c.Name).SingleAsync(cancellationToken);
        db.ConnectionGrants.Remove(grant);
        audit.Record(AuditActions.ConnectionUnshared, "connection", grant.ConnectionId.ToString(), new
        {
            Name = name,
            PrincipalKind = grant.PrincipalKind.ToString(),
            Principal = grant.PrincipalName,
            Right = grant.Right.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<string> ResolveNameAsync(ShareConnectionCommand command, CancellationToken cancellationToken)
    {
        if (command.PrincipalKind == PrincipalKind.User)
        {
            var found = await directory.FindAsync(command.PrincipalId, cancellationToken);
            return found?.UserName
                ?? throw ValidatorExtensions.Invalid(nameof(command.PrincipalId), "That user was not found. Choose a user from the list.");
        }

        var groupName = Guid.TryParseExact(command.PrincipalId, "N", out var groupId)
            ? await db.UserGroups.Where(g => g.Id == groupId).Select(g => g.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return groupName
            ?? throw ValidatorExtensions.Invalid(nameof(command.PrincipalId), "That group was not found. Choose a group from the list, or create it on the Users page.");
    }
}
