namespace IntegrationPortal.Sync.Connectors;

/// <summary>
/// A call was held back by a rate limit for longer than a run waits. The tool responded with a rate
/// limit after every retry, or asked for a wait beyond the maximum, or the connection's own rate
/// budget is spent. The tool did not process the call. The engine stops the run at this item,
/// and the runner records the run as throttled and schedules a follow-up run at <see cref="RetryAt"/>.
/// </summary>
public sealed class ConnectorThrottledException : ConnectorException
{
    /// <summary>
    /// Creates the exception. <paramref name="statusCode"/> is the tool's rate-limit status (429 or
    /// 403), or 429 when the portal's rate budget held the call back before sending it.
    /// </summary>
    public ConnectorThrottledException(string message, DateTimeOffset retryAt, int statusCode = 429, Exception? innerException = null)
        : base(message, statusCode, innerException)
    {
        RetryAt = retryAt;
    }

    /// <summary>The earliest time the tool or the budget allows the next call.</summary>
    public DateTimeOffset RetryAt { get; }
}
