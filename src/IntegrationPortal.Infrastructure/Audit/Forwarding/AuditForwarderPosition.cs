namespace IntegrationPortal.Infrastructure.Audit.Forwarding;

/// <summary>
/// How far one collector has acknowledged the activity log, and which process is forwarding to
/// it. The lease lets several worker processes run the forwarder while only one sends.
/// </summary>
public sealed class AuditForwarderPosition
{
    public AuditForwarderPosition(string sink, long lastEventId, DateTimeOffset updatedAt)
    {
        Sink = sink;
        LastEventId = lastEventId;
        UpdatedAt = updatedAt;
    }

    /// <summary>The collector's name, such as "http" or "syslog".</summary>
    public string Sink { get; private set; }

    /// <summary>The id of the last event the collector acknowledged; 0 before the first delivery.</summary>
    public long LastEventId { get; set; }

    public string? LeaseHolder { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
