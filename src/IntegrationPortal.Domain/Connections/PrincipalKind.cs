namespace IntegrationPortal.Domain.Connections;

/// <summary>Whom a connection grant is for: one user, or every member of a portal group.</summary>
public enum PrincipalKind
{
    User,
    Group,
}
