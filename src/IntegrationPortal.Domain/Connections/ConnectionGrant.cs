using IntegrationPortal.Domain.Common;

namespace IntegrationPortal.Domain.Connections;

/// <summary>
/// A right on one connection for a user or a group. A connection has at most one grant per
/// principal, so granting again changes the right of the existing grant.
/// </summary>
public sealed class ConnectionGrant
{
    public const int MaxPrincipalIdLength = 450;
    public const int MaxPrincipalNameLength = 256;

    private ConnectionGrant()
    {
        PrincipalId = string.Empty;
        PrincipalName = string.Empty;
        GrantedBy = string.Empty;
    }

    public ConnectionGrant(
        Guid id,
        Guid connectionId,
        PrincipalKind principalKind,
        string principalId,
        string principalName,
        ConnectionRight right,
        string grantedBy,
        DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(principalId))
        {
            throw new DomainException("A grant needs the user or group it is for.");
        }

        Id = id;
        ConnectionId = connectionId;
        PrincipalKind = principalKind;
        PrincipalId = principalId;
        PrincipalName = principalName;
        Right = EnsureDefined(right);
        GrantedBy = grantedBy;
        GrantedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid ConnectionId { get; private set; }

    public PrincipalKind PrincipalKind { get; private set; }

    /// <summary>The Identity user id, or the group id in "N" format.</summary>
    public string PrincipalId { get; private set; }

    /// <summary>The user or group name when the grant was made, for lists and audit events.</summary>
    public string PrincipalName { get; private set; }

    public ConnectionRight Right { get; private set; }

    public string GrantedBy { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    public void ChangeRight(ConnectionRight right, string grantedBy, DateTimeOffset at)
    {
        Right = EnsureDefined(right);
        GrantedBy = grantedBy;
        GrantedAt = at;
    }

    private static ConnectionRight EnsureDefined(ConnectionRight right) =>
        Enum.IsDefined(right) ? right : throw new DomainException($"'{right}' is not a connection right. Use Use or Manage.");
}
