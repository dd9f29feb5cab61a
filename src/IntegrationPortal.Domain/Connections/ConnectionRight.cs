namespace IntegrationPortal.Domain.Connections;

/// <summary>What a grant lets a person do with a connection. A higher value includes the lower ones.</summary>
public enum ConnectionRight
{
    /// <summary>Build and run flows with the connection, without ever seeing its secret.</summary>
    Use = 1,

    /// <summary>Use, and also test, rotate, revoke and share the connection.</summary>
    Manage = 2,
}
