using IntegrationPortal.Application.Audit;

namespace IntegrationPortal.Infrastructure.Audit.Forwarding;

/// <summary>A collector that receives audit events. A send that returns normally counts as acknowledged.</summary>
public interface IAuditEventSink
{
    /// <summary>The name under which the forwarding position is stored.</summary>
    string Name { get; }

    /// <summary>Sends a batch, oldest first; throws when the collector did not accept all of it.</summary>
    Task SendAsync(IReadOnlyList<AuditEventDto> batch, CancellationToken cancellationToken);
}
