namespace IntegrationPortal.Domain.Audit;

/// <summary>
/// One entry of the append-only activity log: who did what to which target, and when.
/// Details are JSON written by the portal and never contain a secret.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent()
    {
        ActorId = string.Empty;
        ActorName = string.Empty;
        Action = string.Empty;
        TargetType = string.Empty;
        TargetId = string.Empty;
        Details = "{}";
    }

    public AuditEvent(DateTimeOffset at, string actorId, string actorName, string action, string targetType, string targetId, string details)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        TargetType = targetType;
        TargetId = targetId;
        Details = details;
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string ActorId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>A dotted name such as "request.approved" or "flow.run.finished".</summary>
    public string Action { get; private set; }

    public string TargetType { get; private set; }

    public string TargetId { get; private set; }

    public string Details { get; private set; }
}
