namespace IntegrationPortal.Sync.Connectors;

/// <summary>
/// A tool rejected a call or answered in a way the connector cannot use. The message names the
/// tool, the call and the fix, and never contains the secret.
/// </summary>
public class ConnectorException : Exception
{
    public ConnectorException(string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the tool answered with, when there was an answer.</summary>
    public int? StatusCode { get; }
}
