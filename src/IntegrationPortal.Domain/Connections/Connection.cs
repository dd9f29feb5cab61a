namespace IntegrationPortal.Domain.Connections;

/// <summary>
/// A credential that IT holds for one tool. The secret is stored only in protected (encrypted)
/// form and is never part of any view, log or audit event.
/// </summary>
public sealed class Connection
{
    public const int MaxNameLength = 100;
    public const int MaxBaseUrlLength = 400;

    private Connection()
    {
        Name = string.Empty;
        ToolKey = string.Empty;
        BaseUrl = string.Empty;
        ProtectedSecret = string.Empty;
        CreatedBy = string.Empty;
    }

    public Connection(Guid id, string name, string toolKey, string baseUrl, string protectedSecret, string createdBy, DateTimeOffset at)
    {
        Id = id;
        Name = name;
        ToolKey = toolKey;
        BaseUrl = baseUrl;
        ProtectedSecret = protectedSecret;
        CreatedBy = createdBy;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string ToolKey { get; private set; }

    public string BaseUrl { get; private set; }

    public string ProtectedSecret { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastTestedAt { get; private set; }

    public bool? LastTestSucceeded { get; private set; }

    public string? LastTestMessage { get; private set; }

    /// <summary>
    /// The protected (encrypted) secret that signs this tool's webhook deliveries, or null when the
    /// connection receives no webhooks.
    /// </summary>
    public string? ProtectedWebhookSecret { get; private set; }

    /// <summary>When the current webhook secret was generated, or null when webhooks are off.</summary>
    public DateTimeOffset? WebhookSecretCreatedAt { get; private set; }

    public bool ReceivesWebhooks => ProtectedWebhookSecret is not null;

    /// <summary>Turns webhooks on with a new secret, or replaces the secret, which rejects deliveries signed with the old one.</summary>
    public void SetWebhookSecret(string protectedSecret, DateTimeOffset at)
    {
        ProtectedWebhookSecret = protectedSecret;
        WebhookSecretCreatedAt = at;
    }

    public void DisableWebhooks()
    {
        ProtectedWebhookSecret = null;
        WebhookSecretCreatedAt = null;
    }

    public void RecordTest(bool succeeded, string message, DateTimeOffset at)
    {
        LastTestedAt = at;
        LastTestSucceeded = succeeded;
        LastTestMessage = message;
    }
}
