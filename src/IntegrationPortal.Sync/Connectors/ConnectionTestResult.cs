namespace IntegrationPortal.Sync.Connectors;

/// <summary>The outcome of a connection test: a message an admin can act on, never the secret.</summary>
/// <param name="Succeeded">True when the tool accepted the secret.</param>
/// <param name="Message">The outcome in words an admin can act on.</param>
/// <param name="TokenExpiresAt">When the secret expires as the tool reports it, or null when the tool does not report it.</param>
public sealed record ConnectionTestResult(bool Succeeded, string Message, DateTimeOffset? TokenExpiresAt = null);
