using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Catalog;
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
    IValidator<CreateConnectionCommand> validator,
    TimeProvider time) : IConnectionService
{
    public async Task<IReadOnlyList<ConnectionDto>> ListAsync(CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var rows = await db.Connections.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return [.. rows.Select(ToDto)];
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
        user.Require(Roles.ItAdmin);
        var connection = await FindAsync(connectionId, cancellationToken);

        ConnectionTestResult result;
        try
        {
            result = await connectors.CreateFor(connection, protector).TestAsync(cancellationToken);
        }
        catch (ConnectorException ex)
        {
            result = new ConnectionTestResult(false, ex.Message);
        }

        connection.RecordTest(result.Succeeded, result.Message, time.GetUtcNow());
        audit.Record(AuditActions.ConnectionTested, "connection", connection.Id.ToString(), new { result.Succeeded, result.Message });
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Requester, Roles.ItAdmin);
        var connection = await FindAsync(connectionId, cancellationToken);
        return await connectors.CreateFor(connection, protector).ListContainersAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FieldDescriptor>> ListFieldsAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Requester, Roles.ItAdmin);
        var connection = await FindAsync(connectionId, cancellationToken);
        return connectors.FieldsOf(connection.ToolKey);
    }

    private async Task<Connection> FindAsync(Guid connectionId, CancellationToken cancellationToken) =>
        await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
            ?? throw new NotFoundException("Connection", connectionId);

    private static ConnectionDto ToDto(Connection c) =>
        new(c.Id, c.Name, c.ToolKey, c.BaseUrl, c.CreatedAt, c.LastTestedAt, c.LastTestSucceeded, c.LastTestMessage);
}
