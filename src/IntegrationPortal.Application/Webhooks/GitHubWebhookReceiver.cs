using System.Net;
using System.Text;
using System.Text.Json;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Application.Webhooks;

/// <summary>
/// Receives GitHub webhook deliveries for one connection: verifies the signature, drops deliveries
/// already accepted, and queues a run of every active flow that syncs the delivery's repository.
/// The payload is only a hint that something changed: the run reads the repository's current
/// state, so deliveries that arrive late or out of order cannot bring back an older value.
/// </summary>
public sealed partial class GitHubWebhookReceiver(
    IPortalDbContext db,
    ISecretProtector protector,
    ISyncScheduler scheduler,
    IAuditLog audit,
    TimeProvider time,
    ILogger<GitHubWebhookReceiver> logger)
{
    /// <summary>
    /// How long an accepted delivery id is remembered. GitHub does not retry failed deliveries by
    /// itself, but a person or a script can redeliver one from the past 3 days, with the same
    /// delivery id (GitHub docs, "Handling failed webhook deliveries"). A copy older than this
    /// triggers one more run, which finds nothing to do.
    /// </summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromDays(3);

    public const string PingEvent = "ping";
    public const string IssuesEvent = "issues";

    /// <summary>The actor of audit events about deliveries, which arrive without a signed-in user.</summary>
    public const string ActorId = "github-webhook";

    public async Task<WebhookReceipt> ReceiveAsync(GitHubWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == delivery.ConnectionId, cancellationToken);
        if (connection is null || connection.ToolKey != ToolKeys.GitHub || connection.ProtectedWebhookSecret is null)
        {
            return new(WebhookOutcome.NotFound, $"No GitHub connection {delivery.ConnectionId} receives webhooks. Enable webhooks on the connection in the portal's catalog and copy the URL it shows.");
        }

        var rejection = await CheckSignatureAsync(connection, delivery, cancellationToken);
        if (rejection is not null)
        {
            return rejection;
        }

        if (string.IsNullOrWhiteSpace(delivery.Event) || string.IsNullOrWhiteSpace(delivery.DeliveryId))
        {
            return new(WebhookOutcome.Invalid, "The X-GitHub-Event and X-GitHub-Delivery headers are required; send the delivery as GitHub does.");
        }

        if (delivery.Event.Length > WebhookDelivery.MaxEventLength || delivery.DeliveryId.Length > WebhookDelivery.MaxDeliveryIdLength)
        {
            return new(WebhookOutcome.Invalid, $"The X-GitHub-Event and X-GitHub-Delivery headers must be at most {WebhookDelivery.MaxDeliveryIdLength} characters long.");
        }

        return await HandleEventAsync(connection, delivery, cancellationToken);
    }

    private async Task<WebhookReceipt> HandleEventAsync(Connection connection, GitHubWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var eventName = delivery.Event!;
        var deliveryId = delivery.DeliveryId!;
        IReadOnlyList<string> repositories = [];
        if (eventName == IssuesEvent)
        {
            if (!TryReadRepositories(delivery, out repositories))
            {
                return new(WebhookOutcome.Invalid, "The issues payload is not JSON with a repository.full_name; set the webhook's content type to application/json.");
            }
        }

        if (!await TryRecordAsync(connection.Id, deliveryId, eventName, cancellationToken))
        {
            LogDuplicate(logger, deliveryId, connection.Id);
            return new(WebhookOutcome.Duplicate, $"Delivery {deliveryId} was already accepted; it triggers nothing again.");
        }

        if (eventName == PingEvent)
        {
            LogPing(logger, deliveryId, connection.Id);
            return new(WebhookOutcome.Ignored, "Pong: the signature is valid and the portal receives this webhook.");
        }

        if (eventName != IssuesEvent)
        {
            return new(WebhookOutcome.Ignored, $"The portal syncs on issues events only; the {eventName} event is ignored. Subscribe the webhook to issues events alone to save deliveries.");
        }

        var flowIds = await FindFlowsAsync(connection.Id, repositories, cancellationToken);
        foreach (var flowId in flowIds)
        {
            scheduler.EnqueueWebhook(flowId);
        }

        LogAccepted(logger, deliveryId, connection.Id, string.Join(", ", repositories), flowIds.Count);
        return new(WebhookOutcome.Accepted, $"Delivery {deliveryId} queued a run of {flowIds.Count} flow(s).", flowIds.Count);
    }

    private async Task<WebhookReceipt?> CheckSignatureAsync(Connection connection, GitHubWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        string? reason = null;
        if (string.IsNullOrWhiteSpace(delivery.Signature))
        {
            reason = $"The {GitHubWebhookSignature.HeaderName} header is missing. Set the webhook's secret in GitHub to the one the portal generated for this connection.";
        }
        else if (!GitHubWebhookSignature.IsValid(protector.Unprotect(connection.ProtectedWebhookSecret!), delivery.Body, delivery.Signature))
        {
            reason = $"The {GitHubWebhookSignature.HeaderName} signature does not match the body. Check that the webhook's secret in GitHub is the latest one the portal generated for this connection.";
        }

        if (reason is null)
        {
            return null;
        }

        // Only the headers are recorded, because the body of a forged delivery is whatever the sender chose.
        // NOTE: every rejected delivery adds an audit event, with no rate limit, so anyone who has a
        // connection's webhook URL can grow the audit log. A rate limit in a reverse proxy caps that.
        audit.RecordAs(ActorId, "GitHub webhook", AuditActions.WebhookRejected, "connection", connection.Id.ToString(), new
        {
            connection.Name,
            delivery.Event,
            delivery.DeliveryId,
            Reason = delivery.Signature is null ? "signature missing" : "signature mismatch",
        });
        await db.SaveChangesAsync(cancellationToken);
        LogRejected(logger, delivery.DeliveryId, connection.Id);
        return new(WebhookOutcome.Unauthorized, reason);
    }

    /// <summary>
    /// Stores the delivery id and deletes ids older than <see cref="DuplicateWindow"/>. Returns false
    /// when the id is stored already. The primary key rejects the second insert, also when two
    /// copies arrive at the same moment.
    /// </summary>
    private async Task<bool> TryRecordAsync(Guid connectionId, string deliveryId, string eventName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - DuplicateWindow;
        await db.WebhookDeliveries.Where(d => d.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);

        var record = new WebhookDelivery(connectionId, deliveryId, eventName, now);
        db.WebhookDeliveries.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.WebhookDeliveries.Entry(record).State = EntityState.Detached;
            var recorded = await db.WebhookDeliveries.AsNoTracking()
                .AnyAsync(d => d.ConnectionId == connectionId && d.DeliveryId == deliveryId, cancellationToken);
            if (!recorded)
            {
                throw;
            }

            return false;
        }
    }

    /// <summary>
    /// Finds the active flows with this connection on a side whose container is one of the
    /// repositories. GitHub compares repository names without regard to case, so the portal does too.
    /// </summary>
    private async Task<List<Guid>> FindFlowsAsync(Guid connectionId, IReadOnlyList<string> repositories, CancellationToken cancellationToken)
    {
        var flows = await db.Flows.AsNoTracking()
            .Where(f => f.Status == FlowStatus.Active && (f.ConnectionAId == connectionId || f.ConnectionBId == connectionId))
            .Select(f => new { f.Id, f.ConnectionAId, f.ContainerA, f.ConnectionBId, f.ContainerB })
            .ToListAsync(cancellationToken);
        bool Matches(string container) => repositories.Contains(container, StringComparer.OrdinalIgnoreCase);
        return [.. flows
            .Where(f => (f.ConnectionAId == connectionId && Matches(f.ContainerA)) || (f.ConnectionBId == connectionId && Matches(f.ContainerB)))
            .Select(f => f.Id)];
    }

    /// <summary>
    /// Reads repository.full_name, and for a transferred issue also the repository it moved to,
    /// because the issue left one repository and appeared in the other.
    /// </summary>
    private static bool TryReadRepositories(GitHubWebhookDelivery delivery, out IReadOnlyList<string> repositories)
    {
        repositories = [];
        try
        {
            using var payload = JsonDocument.Parse(PayloadJson(delivery));
            var root = payload.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !TryReadFullName(root, "repository", out var repository))
            {
                return false;
            }

            var names = new List<string> { repository };
            if (root.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Object
                && TryReadFullName(changes, "new_repository", out var newRepository)
                && !names.Contains(newRepository, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(newRepository);
            }

            repositories = names;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryReadFullName(JsonElement parent, string property, out string fullName)
    {
        fullName = string.Empty;
        if (!parent.TryGetProperty(property, out var repository) || repository.ValueKind != JsonValueKind.Object
            || !repository.TryGetProperty("full_name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        fullName = name.GetString()!;
        return fullName.Length > 0;
    }

    // GitHub's "application/x-www-form-urlencoded" content type sends the JSON as the payload form field.
    private static string PayloadJson(GitHubWebhookDelivery delivery)
    {
        var body = Encoding.UTF8.GetString(delivery.Body);
        if (!delivery.IsFormEncoded)
        {
            return body;
        }

        const string field = "payload=";
        var start = body.IndexOf(field, StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var end = body.IndexOf('&', start);
        var value = end < 0 ? body[(start + field.Length)..] : body[(start + field.Length)..end];
        return WebUtility.UrlDecode(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} for connection {ConnectionId} ({Repositories}) queued runs of {FlowCount} flow(s)")]
    private static partial void LogAccepted(ILogger logger, string deliveryId, Guid connectionId, string repositories, int flowCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} for connection {ConnectionId} was a duplicate and triggered nothing")]
    private static partial void LogDuplicate(ILogger logger, string deliveryId, Guid connectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook ping {DeliveryId} for connection {ConnectionId} was accepted")]
    private static partial void LogPing(ILogger logger, string deliveryId, Guid connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} for connection {ConnectionId} was rejected: invalid or missing signature")]
    private static partial void LogRejected(ILogger logger, string? deliveryId, Guid connectionId);
}
