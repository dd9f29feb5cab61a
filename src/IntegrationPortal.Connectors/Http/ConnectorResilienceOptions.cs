namespace IntegrationPortal.Connectors.Http;

/// <summary>
/// Retry and wait limits for the connectors' HTTP clients. Bind or configure them with
/// <c>services.Configure&lt;ConnectorResilienceOptions&gt;(...)</c> before the first client is created.
/// </summary>
public sealed class ConnectorResilienceOptions
{
    /// <summary>Maximum number of attempts per request, the first one included.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Base of the exponential backoff; attempt n waits about BaseDelay × 2^n, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Maximum single wait. When a tool requests a longer wait (Retry-After or a rate-limit reset),
    /// the request is not retried and the connector reports when to try again.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one attempt; a timed-out attempt is retried like a network error.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one request including all its retries and waits.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Clock and timer source of the retry waits. Tests replace it to skip the waits. The attempt
    /// timeout runs on the TimeProvider of the service container instead.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
