using IntegrationPortal.Domain.Common;

namespace IntegrationPortal.Domain.Connections;

/// <summary>
/// A credential that IT holds for one tool. The secret is stored only in protected (encrypted)
/// form and is never part of any view, log or audit event.
/// </summary>
public sealed class Connection
{
    public const int MaxNameLength = 100;
    public const int MaxBaseUrlLength = 400;
    public const int MaxHealthMessageLength = 1000;
    public const int MaxRevokeReasonLength = 1000;

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

    /// <summary>When the tool last accepted this connection's secret, in a test or a sync run.</summary>
    public DateTimeOffset? LastSuccessAt { get; private set; }

    /// <summary>When a test or a sync run last failed with this connection.</summary>
    public DateTimeOffset? LastErrorAt { get; private set; }

    /// <summary>The message of the last failure. Connector messages never contain the secret.</summary>
    public string? LastErrorMessage { get; private set; }

    /// <summary>When the current secret expires as the tool reports it, or null when the tool does not report it.</summary>
    public DateTimeOffset? TokenExpiresAt { get; private set; }

    /// <summary>When the secret was last replaced, or null when it is the one entered at creation.</summary>
    public DateTimeOffset? SecretRotatedAt { get; private set; }

    /// <summary>When the connection was revoked, or null while it may be used.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public string? RevokeReason { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

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

    /// <summary>Records a test's outcome, and the token expiry when the tool reported one.</summary>
    public void RecordTest(bool succeeded, string message, DateTimeOffset at, DateTimeOffset? tokenExpiresAt = null)
    {
        LastTestedAt = at;
        LastTestSucceeded = succeeded;
        LastTestMessage = Truncate(message);
        if (succeeded)
        {
            RecordSuccess(at, tokenExpiresAt);
        }
        else
        {
            RecordError(message, at);
        }
    }

    /// <summary>Records that the tool accepted the secret. A known expiry replaces the stored one.</summary>
    public void RecordSuccess(DateTimeOffset at, DateTimeOffset? tokenExpiresAt = null)
    {
        LastSuccessAt = at;
        if (tokenExpiresAt is not null)
        {
            TokenExpiresAt = tokenExpiresAt;
        }
    }

    public void RecordError(string message, DateTimeOffset at)
    {
        LastErrorAt = at;
        LastErrorMessage = Truncate(message);
    }

    /// <summary>
    /// Replaces the secret. The expiry and test result belonged to the old secret, so they are
    /// cleared until the next test or run.
    /// </summary>
    public void RotateSecret(string protectedSecret, DateTimeOffset at)
    {
        EnsureNotRevoked();
        if (string.IsNullOrEmpty(protectedSecret))
        {
            throw new DomainException("A rotated connection needs a new secret.");
        }

        ProtectedSecret = protectedSecret;
        SecretRotatedAt = at;
        TokenExpiresAt = null;
        LastTestedAt = null;
        LastTestSucceeded = null;
        LastTestMessage = null;
    }

    /// <summary>Stops every use of the connection for good; it stays listed, marked as revoked.</summary>
    public void Revoke(string revokedBy, string reason, DateTimeOffset at)
    {
        EnsureNotRevoked();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("A reason is required to revoke a connection.");
        }

        RevokedAt = at;
        RevokedBy = revokedBy;
        RevokeReason = reason.Trim();
    }

    public void EnsureNotRevoked()
    {
        if (IsRevoked)
        {
            throw new DomainException($"Connection '{Name}' was revoked on {RevokedAt:yyyy-MM-dd}, so it can no longer be used or changed. Create a new connection instead.");
        }
    }

    private static string Truncate(string message) =>
        message.Length <= MaxHealthMessageLength ? message : string.Concat(message.AsSpan(0, MaxHealthMessageLength - 1), "…");
}
