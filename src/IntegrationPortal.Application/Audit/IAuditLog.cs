namespace IntegrationPortal.Application.Audit;

/// <summary>
/// Adds audit events to the current unit of work, so they commit together with the change they
/// describe. Details are serialized to JSON and must never contain a secret.
/// </summary>
public interface IAuditLog
{
    void Record(string action, string targetType, string targetId, object? details = null);
}
