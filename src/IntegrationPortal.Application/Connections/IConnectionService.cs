using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Application.Connections;

/// <summary>
/// Connections that IT creates and shares. Nothing here ever returns a secret. IT admins may do
/// everything, and anyone else what their grants allow (<see cref="ConnectionRight"/>).
/// </summary>
public interface IConnectionService
{
    /// <summary>
    /// Lists every connection to IT admins. Anyone else gets the connections they may use, and the
    /// revoked ones they manage, with their own right on each.
    /// </summary>
    Task<IReadOnlyList<ConnectionDto>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Creates a connection to an approved tool; IT admins only. The secret is encrypted before it is stored.</summary>
    Task<Guid> CreateAsync(CreateConnectionCommand command, CancellationToken cancellationToken);

    /// <summary>Calls the tool with the stored secret and records the outcome and the token expiry. Needs the Manage right.</summary>
    Task<ConnectionTestResult> TestAsync(Guid connectionId, CancellationToken cancellationToken);

    /// <summary>Lists projects or repositories live from the tool. Needs the Use right and an approved tool.</summary>
    Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(Guid connectionId, CancellationToken cancellationToken);

    /// <summary>Lists the fields of the connection's tool. Needs the Use right and an approved tool.</summary>
    Task<IReadOnlyList<FieldDescriptor>> ListFieldsAsync(Guid connectionId, CancellationToken cancellationToken);

    /// <summary>Replaces the secret with a newly entered one. Needs the Manage right. The audit event names the connection only.</summary>
    Task RotateSecretAsync(RotateSecretCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes the connection for good and pauses every active flow that uses it. Needs the Manage right.
    /// The connection stays listed as revoked.
    /// </summary>
    Task RevokeAsync(RevokeConnectionCommand command, CancellationToken cancellationToken);

    /// <summary>Lists who may use or manage the connection. Needs the Manage right.</summary>
    Task<IReadOnlyList<ConnectionGrantDto>> ListGrantsAsync(Guid connectionId, CancellationToken cancellationToken);

    /// <summary>Lists the users and groups the connection can be shared with. Needs the Manage right.</summary>
    Task<IReadOnlyList<SharePrincipalDto>> ListSharePrincipalsAsync(Guid connectionId, CancellationToken cancellationToken);

    /// <summary>Gives a user or group a right on the connection, or changes the right they have. Needs the Manage right.</summary>
    Task<Guid> ShareAsync(ShareConnectionCommand command, CancellationToken cancellationToken);

    /// <summary>Removes a grant. Needs the Manage right. Flows already built keep running.</summary>
    Task UnshareAsync(Guid grantId, CancellationToken cancellationToken);
}

/// <summary>
/// A connection as lists show it, with its health and the caller's right. It has no secret field.
/// </summary>
public sealed record ConnectionDto(
    Guid Id,
    string Name,
    string ToolKey,
    string BaseUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastTestedAt,
    bool? LastTestSucceeded,
    string? LastTestMessage,
    DateTimeOffset? LastSuccessAt = null,
    DateTimeOffset? LastErrorAt = null,
    string? LastErrorMessage = null,
    DateTimeOffset? TokenExpiresAt = null,
    DateTimeOffset? SecretRotatedAt = null,
    DateTimeOffset? RevokedAt = null,
    string? RevokeReason = null,
    ConnectionRight Right = ConnectionRight.Use)
{
    public bool IsRevoked => RevokedAt is not null;

    public bool CanManage => Right == ConnectionRight.Manage;
}

public sealed record ConnectionGrantDto(
    Guid Id,
    PrincipalKind PrincipalKind,
    string PrincipalId,
    string PrincipalName,
    ConnectionRight Right,
    string GrantedBy,
    DateTimeOffset GrantedAt);

/// <summary>A user or group that a connection can be shared with.</summary>
public sealed record SharePrincipalDto(PrincipalKind Kind, string Id, string Name);

/// <summary>The input of the "new connection" form. <see cref="Secret"/> is the API token.</summary>
public sealed class CreateConnectionCommand
{
    public string Name { get; set; } = string.Empty;

    public string ToolKey { get; set; } = string.Empty;

    public string BaseUrl { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;

    /// <summary>Keeps the secret out of logs and debugger views that print the command.</summary>
    public override string ToString() => $"CreateConnectionCommand {{ Name = {Name}, ToolKey = {ToolKey}, BaseUrl = {BaseUrl} }}";
}

/// <summary>The input of the rotate dialog. <see cref="Secret"/> is the new API token.</summary>
public sealed class RotateSecretCommand
{
    public Guid ConnectionId { get; set; }

    public string Secret { get; set; } = string.Empty;

    /// <summary>Keeps the secret out of logs and debugger views that print the command.</summary>
    public override string ToString() => $"RotateSecretCommand {{ ConnectionId = {ConnectionId} }}";
}

public sealed class RevokeConnectionCommand
{
    public Guid ConnectionId { get; set; }

    public string Reason { get; set; } = string.Empty;
}

public sealed class ShareConnectionCommand
{
    public Guid ConnectionId { get; set; }

    public PrincipalKind PrincipalKind { get; set; }

    /// <summary>The user id, or the group id in "N" format.</summary>
    public string PrincipalId { get; set; } = string.Empty;

    public ConnectionRight Right { get; set; } = ConnectionRight.Use;
}
