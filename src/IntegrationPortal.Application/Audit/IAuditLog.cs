namespace IntegrationPortal.Application.Audit;

/// <summary>
/// Adds audit events to the current unit of work, so they commit together with the change they
/// describe. Details are serialized to JSON and must never contain a secret.
/// </summary>
public interface IAuditLog
{
    /// <summary>Records an action of the current user (or of the sync engine, inside jobs).</summary>
    void Record(string action, string targetType, string targetId, object? details = null);

    /// <summary>Records an action of someone who is not signed in yet, such as a sign-in attempt.</summary>
    void RecordAs(string actorId, string actorName, string action, string targetType, string targetId, object? details = null);
}
