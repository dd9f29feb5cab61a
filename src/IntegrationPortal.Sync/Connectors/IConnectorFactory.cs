namespace IntegrationPortal.Sync.Connectors;

/// <summary>Creates the connector for a tool key with a connection's base URL and plain secret.</summary>
public interface IConnectorFactory
{
    bool Supports(string toolKey);

    /// <summary>The fields a tool offers, known without a connection.</summary>
    IReadOnlyList<FieldDescriptor> FieldsOf(string toolKey);

    /// <summary>
    /// Creates a connector. Connectors created with the same <paramref name="rateBudgetKey"/> (a
    /// connection id) share one call budget; without a key, calls are not budgeted.
    /// </summary>
    IConnector Create(string toolKey, Uri baseUrl, string secret, string? rateBudgetKey = null);
}
