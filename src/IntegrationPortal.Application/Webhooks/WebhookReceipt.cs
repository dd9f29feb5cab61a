namespace IntegrationPortal.Application.Webhooks;

/// <summary>What the portal did with a webhook delivery, which the endpoint turns into an HTTP status.</summary>
public enum WebhookOutcome
{
    /// <summary>An issues event: runs were queued for <see cref="WebhookReceipt.FlowsTriggered"/> flows (202).</summary>
    Accepted,

    /// <summary>A ping, or an event the portal does not sync on, acknowledged without a run (200).</summary>
    Ignored,

    /// <summary>A delivery id already accepted for this connection, acknowledged without a second run (200).</summary>
    Duplicate,

    /// <summary>The signature is missing or does not match the body (401).</summary>
    Unauthorized,

    /// <summary>The connection does not exist or receives no webhooks (404).</summary>
    NotFound,

    /// <summary>A required header is missing or the payload cannot be read (400).</summary>
    Invalid,
}

/// <summary>The outcome of one delivery with a message for the sender that never contains a secret.</summary>
public sealed record WebhookReceipt(WebhookOutcome Outcome, string Message, int FlowsTriggered = 0);

/// <summary>One delivery as it arrived: the connection from the URL, GitHub's headers and the raw body.</summary>
public sealed record GitHubWebhookDelivery(
    Guid ConnectionId,
    string? Event,
    string? DeliveryId,
    string? Signature,
    bool IsFormEncoded,
    byte[] Body);
