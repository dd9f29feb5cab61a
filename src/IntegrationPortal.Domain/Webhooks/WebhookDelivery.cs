namespace IntegrationPortal.Domain.Webhooks;

/// <summary>
/// A webhook delivery that the portal accepted, kept for a while so that the tool's retries and
/// redeliveries of the same delivery id are recognized and trigger nothing a second time.
/// </summary>
public sealed class WebhookDelivery
{
    public const int MaxDeliveryIdLength = 100;
    public const int MaxEventLength = 100;

    private WebhookDelivery()
    {
        DeliveryId = string.Empty;
        Event = string.Empty;
    }

    public WebhookDelivery(Guid connectionId, string deliveryId, string eventName, DateTimeOffset receivedAt)
    {
        ConnectionId = connectionId;
        DeliveryId = deliveryId;
        Event = eventName;
        ReceivedAt = receivedAt;
    }

    public Guid ConnectionId { get; private set; }

    /// <summary>The tool's id of the delivery, such as GitHub's X-GitHub-Delivery header; unique per connection.</summary>
    public string DeliveryId { get; private set; }

    /// <summary>The tool's event name, such as GitHub's X-GitHub-Event header ("issues", "ping").</summary>
    public string Event { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }
}
