using System.Security.Cryptography;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Webhooks;

public sealed class WebhookSettingsService(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    ISecretProtector protector,
    TimeProvider time) : IWebhookSettingsService
{
    // 32 random bytes as 64 hex characters: 256 bits, as many as the SHA-256 digest of the signature.
    private const int SecretHexLength = 64;

    /// <summary>The endpoint path for a connection's GitHub deliveries.</summary>
    public static string PathFor(Guid connectionId) => $"webhooks/github/{connectionId:N}";

    public async Task<IReadOnlyList<WebhookStatusDto>> ListAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var connections = await db.Connections.AsNoTracking()
            .Where(c => c.ToolKey == ToolKeys.GitHub)
            .Select(c => new { c.Id, c.Name, c.ProtectedWebhookSecret, c.WebhookSecretCreatedAt })
            .ToListAsync(cancellationToken);
        var deliveries = await db.WebhookDeliveries.AsNoTracking()
            .GroupBy(d => d.ConnectionId)
            .Select(g => new { ConnectionId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var statuses = new List<WebhookStatusDto>(connections.Count);
        foreach (var connection in connections.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            var last = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.ConnectionId == connection.Id)
                .OrderByDescending(d => d.ReceivedAt)
                .Select(d => (DateTimeOffset?)d.ReceivedAt)
                .FirstOrDefaultAsync(cancellationToken);
            statuses.Add(new WebhookStatusDto(
                connection.Id,
                connection.Name,
                connection.ProtectedWebhookSecret is not null,
                connection.WebhookSecretCreatedAt,
                deliveries.FirstOrDefault(d => d.ConnectionId == connection.Id)?.Count ?? 0,
                last));
        }

        return statuses;
    }

    public async Task<WebhookSecretDto> GenerateSecretAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var connection = await FindGitHubConnectionAsync(connectionId, cancellationToken);
        var rotated = connection.ReceivesWebhooks;
        var secret = RandomNumberGenerator.GetHexString(SecretHexLength, lowercase: true);
        connection.SetWebhookSecret(protector.Protect(secret), time.GetUtcNow());
        audit.Record(
            rotated ? AuditActions.WebhookSecretRotated : AuditActions.WebhooksEnabled,
            "connection",
            connection.Id.ToString(),
            new { connection.Name, Path = PathFor(connection.Id) });
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretDto(connection.Id, secret, PathFor(connection.Id), rotated);
    }

    public async Task DisableAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var connection = await FindGitHubConnectionAsync(connectionId, cancellationToken);
        if (!connection.ReceivesWebhooks)
        {
            return;
        }

        connection.DisableWebhooks();
        audit.Record(AuditActions.WebhooksDisabled, "connection", connection.Id.ToString(), new { connection.Name });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<Domain.Connections.Connection> FindGitHubConnectionAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
            ?? throw new NotFoundException("Connection", connectionId);
        if (connection.ToolKey != ToolKeys.GitHub)
        {
            throw ValidatorExtensions.Invalid(
                "ConnectionId",
                $"The portal receives webhooks from GitHub only; the connection \"{connection.Name}\" is for {connection.ToolKey}, which stays on its schedule.");
        }

        return connection;
    }
}
