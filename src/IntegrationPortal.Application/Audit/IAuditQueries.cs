namespace IntegrationPortal.Application.Audit;

/// <summary>Read-only access to the activity log for auditors and IT admins.</summary>
public interface IAuditQueries
{
    /// <summary>Returns one page of events, newest first, matching the filter.</summary>
    Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken);
}

/// <summary>
/// A filter over the activity log. <see cref="BeforeId"/> continues from the last event of the
/// previous page (keyset paging).
/// </summary>
public sealed record AuditQuery(string? Actor = null, string? Action = null, string? Text = null, long? BeforeId = null, int PageSize = 50);

public sealed record AuditEventDto(long Id, DateTimeOffset At, string ActorName, string Action, string TargetType, string TargetId, string Details);

public sealed record AuditPage(IReadOnlyList<AuditEventDto> Events, bool HasMore);
