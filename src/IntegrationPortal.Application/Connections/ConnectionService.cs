using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Flows.Policy;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Connections;

public sealed class ConnectionService(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    ISecretProtector protector,
    IConnectorFactory connectors,
    ConnectionAccess access,
    ConnectionSharing sharing,
    FlowPolicyEnforcer policy,
    IValidator<CreateConnectionCommand> validator,
    IValidator<RotateSecretCommand> rotateValidator,
    IValidator<RevokeConnectionCommand> revokeValidator,
    TimeProvider time) : IConnectionService
{
    public async Task<IReadOnlyList<ConnectionDto>> ListAsync(CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        if (user.IsInRole(Roles.ItAdmin))
        {
            var all = await db.Connections.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
            return [.. all.Select(c => ToDto(c, ConnectionRight.Manage))];
        }

        var rights = await access.GrantedRightsAsync(cancellationToken);
        var ids = rights.Keys.ToList();
        var granted = await db.Connections.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Name).ToListAsync(cancellationToken);

        // A revoked connection cannot be used, so only those who manage it still see it.
        return [.. granted
            .Where(c => !c.IsRevoked || rights[c.Id] == ConnectionRight.Manage)
            .Select(c => ToDto(c, rights[c.Id]))];
    }

    public async Task<Guid> CreateAsync(CreateConnectionCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        await validator.EnsureValidAsync(command, cancellationToken);

        var tool = await db.Tools.AsNoTracking().SingleOrDefaultAsync(t => t.Key == command.ToolKey, cancellationToken);
        if (tool is null || !connectors.Supports(tool.Key))
        {
            throw ValidatorExtensions.Invalid(nameof(command.ToolKey), $"The portal has no connector for tool '{command.ToolKey}'.");
        }

        if (tool.Status != ToolStatus.Approved)
        {
            throw ValidatorExtensions.Invalid(nameof(command.ToolKey), $"{tool.Name} is not approved in the catalog; approve it before adding a connection.");
        }

        var connection = new Connection(
            Guid.NewGuid(),
            command.Name.Trim(),
            tool.Key,
            command.BaseUrl.Trim().TrimEnd('/'),
            protector.Protect(command.Secret.Trim()),
            user.UserName,
            time.GetUtcNow());
        db.Connections.Add(connection);
        audit.Record(AuditActions.ConnectionCreated, "connection", connection.Id.ToString(), new { connection.Name, connection.ToolKey, connection.BaseUrl });
        await db.SaveChangesAsync(cancellationToken);
        return connection.Id;
    }

    public async Task<ConnectionTestResult> TestAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(connectionId, ConnectionRight.Manage, cancellationToken);
        var connection = await FindUsableAsync(connectionId, cancellationToken);

        ConnectionTestResult result;
        try
        {
            result = await connectors.CreateFor(connection, protector).TestAsync(cancellationToken);
        }
        catch (ConnectorException ex)
        {
            result = new ConnectionTestResult(false, ex.Message);
        }

        connection.RecordTest(result.Succeeded, result.Message, time.GetUtcNow(), result.TokenExpiresAt);
        audit.Record(AuditActions.ConnectionTested, "connection", connection.Id.ToString(), new { connection.Name, result.Succeeded, result.Message, result.TokenExpiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(connectionId, ConnectionRight.Use, cancellationToken);
        var connection = await FindUsableAsync(connectionId, cancellationToken);
        return await connectors.CreateFor(connection, protector).ListContainersAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FieldDescriptor>> ListFieldsAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(connectionId, ConnectionRight.Use, cancellationToken);
        var connection = await FindUsableAsync(connectionId, cancellationToken);
        return connectors.FieldsOf(connection.ToolKey);
    }

    public async Task RotateSecretAsync(RotateSecretCommand command, CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        await rotateValidator.EnsureValidAsync(command, cancellationToken);
        await access.RequireAsync(command.ConnectionId, ConnectionRight.Manage, cancellationToken);
        var connection = await FindAsync(command.ConnectionId, cancellationToken);

        connection.RotateSecret(protector.Protect(command.Secret.Trim()), time.GetUtcNow());
        audit.Record(AuditActions.ConnectionSecretRotated, "connection", connection.Id.ToString(), new { connection.Name, connection.ToolKey });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RevokeAsync(RevokeConnectionCommand command, CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        await revokeValidator.EnsureValidAsync(command, cancellationToken);
        await access.RequireAsync(command.ConnectionId, ConnectionRight.Manage, cancellationToken);
        var connection = await FindAsync(command.ConnectionId, cancellationToken);

        connection.Revoke(user.UserName, command.Reason, time.GetUtcNow());
        audit.Record(AuditActions.ConnectionRevoked, "connection", connection.Id.ToString(), new { connection.Name, connection.ToolKey, Reason = connection.RevokeReason });
        await db.SaveChangesAsync(cancellationToken);

        // The policy check treats a revoked connection as a violation, so every active flow on it pauses now.
        await policy.EnforceForConnectionAsync(connection.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<ConnectionGrantDto>> ListGrantsAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(connectionId, ConnectionRight.Manage, cancellationToken);
        return await sharing.ListGrantsAsync(connectionId, cancellationToken);
    }

    public async Task<IReadOnlyList<SharePrincipalDto>> ListSharePrincipalsAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(connectionId, ConnectionRight.Manage, cancellationToken);
        return await sharing.ListPrincipalsAsync(cancellationToken);
    }

    public async Task<Guid> ShareAsync(ShareConnectionCommand command, CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        await access.RequireAsync(command.ConnectionId, ConnectionRight.Manage, cancellationToken);
        var connection = await FindAsync(command.ConnectionId, cancellationToken);
        connection.EnsureNotRevoked();
        return await sharing.ShareAsync(connection, command, cancellationToken);
    }

    public async Task UnshareAsync(Guid grantId, CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var connectionId = await db.ConnectionGrants.Where(g => g.Id == grantId).Select(g => (Guid?)g.ConnectionId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Grant", grantId);
        await access.RequireAsync(connectionId, ConnectionRight.Manage, cancellationToken);
        await sharing.UnshareAsync(grantId, cancellationToken);
    }

    private async Task<Connection> FindAsync(Guid connectionId, CancellationToken cancellationToken) =>
        await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
            ?? throw new NotFoundException("Connection", connectionId);

    /// <summary>Finds a connection that may call its tool: not revoked, and its tool approved in the catalog.</summary>
    private async Task<Connection> FindUsableAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var connection = await FindAsync(connectionId, cancellationToken);
        connection.EnsureNotRevoked();
        var tool = await db.Tools.AsNoTracking().SingleOrDefaultAsync(t => t.Key == connection.ToolKey, cancellationToken);
        if (tool is null || tool.Status != ToolStatus.Approved)
        {
            var state = tool?.Status == ToolStatus.Blocked ? "blocked" : "not approved";
            var name = tool?.Name ?? connection.ToolKey;
            throw new DomainException(
                $"{name} is {state} in the tool catalog, so connection '{connection.Name}' cannot be used until an IT admin approves {name} again.");
        }

        return connection;
    }

    private static ConnectionDto ToDto(Connection c, ConnectionRight right) => new(
        c.Id,
        c.Name,
        c.ToolKey,
        c.BaseUrl,
        c.CreatedAt,
        c.LastTestedAt,
        c.LastTestSucceeded,
        c.LastTestMessage,
        c.LastSuccessAt,
        c.LastErrorAt,
        c.LastErrorMessage,
        c.TokenExpiresAt,
        c.SecretRotatedAt,
        c.RevokedAt,
        c.RevokeReason,
        right);
}
