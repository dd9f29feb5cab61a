namespace IntegrationPortal.Application.Webhooks;

/// <summary>
/// Turns webhooks on and off per connection, for IT admins. A secret is returned only once, when it
/// is generated, and the portal stores it encrypted and never shows it again.
/// </summary>
public interface IWebhookSettingsService
{
    /// <summary>Lists the webhook state of every connection whose tool can send webhooks.</summary>
    Task<IReadOnlyList<WebhookStatusDto>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Generates a new secret for the connection: turns webhooks on, or replaces the secret, after
    /// which deliveries signed with the old one are rejected.
    /// </summary>
    Task<WebhookSecretDto> GenerateSecretAsync(Guid connectionId, CancellationToken cancellationToken);

    /// <summary>Forgets the secret, so every later delivery for the connection is rejected.</summary>
    Task DisableAsync(Guid connectionId, CancellationToken cancellationToken);
}

/// <summary>
/// The webhook state of one connection. <see cref="RecentDeliveries"/> counts the deliveries accepted
/// in the duplicate window (three days).
/// </summary>
public sealed record WebhookStatusDto(
    Guid ConnectionId,
    string ConnectionName,
    bool Enabled,
    DateTimeOffset? SecretCreatedAt,
    int RecentDeliveries,
    DateTimeOffset? LastDeliveryAt);

/// <summary>A newly generated secret and the path to paste into the tool, relative to the portal's address.</summary>
public sealed record WebhookSecretDto(Guid ConnectionId, string Secret, string Path, bool Rotated)
{
    /// <summary>Keeps the secret out of logs and debugger views that print the result.</summary>
    public override string ToString() => $"WebhookSecretDto {{ ConnectionId = {ConnectionId}, Path = {Path}, Rotated = {Rotated} }}";
}
