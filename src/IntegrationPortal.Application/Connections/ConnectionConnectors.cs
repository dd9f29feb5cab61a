using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Application.Connections;

internal static class ConnectionConnectors
{
    /// <summary>
    /// Builds the connector for a stored connection, decrypting its secret only for this call. Every
    /// connector of one connection spends the same rate budget, keyed by the connection's id.
    /// </summary>
    public static IConnector CreateFor(this IConnectorFactory connectors, Connection connection, ISecretProtector protector) =>
        connectors.Create(
            connection.ToolKey,
            new Uri(connection.BaseUrl),
            protector.Unprotect(connection.ProtectedSecret),
            connection.Id.ToString("N"));
}
