namespace IntegrationPortal.Sync.Connectors;

/// <summary>
/// A tool rejected a call or returned a response the connector cannot use. The message names the
/// tool, the call and the fix, and never contains the secret.
/// </summary>
public class ConnectorException : Exception
{
    public ConnectorException(string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status of the tool's response, or null when no response arrived.</summary>
    public int? StatusCode { get; }
}
