namespace IntegrationPortal.Sync.Connectors;

/// <summary>The outcome of a connection test: a message an admin can act on, never the secret.</summary>
public sealed record ConnectionTestResult(bool Succeeded, string Message);
