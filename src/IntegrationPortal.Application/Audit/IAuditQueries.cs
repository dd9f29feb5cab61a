namespace IntegrationPortal.Application.Audit;

/// <summary>Read-only access to the activity log for auditors and IT admins.</summary>
public interface IAuditQueries
{
    /// <summary>Returns one page of events, newest first, matching the filter.</summary>
    Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Counts the events that match the filter; the paging cursors are ignored.</summary>
    Task<long> CountAsync(AuditFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Reads every event that matches the filter, oldest first, in batches by id, so an export
    /// never keeps the whole range in memory.
    /// </summary>
    IAsyncEnumerable<AuditEventDto> StreamAsync(AuditFilter filter, CancellationToken cancellationToken);

    /// <summary>Finds the item links of a flow whose side A or side B item has the given id.</summary>
    Task<IReadOnlyList<LinkSummaryDto>> FindLinksAsync(Guid flowId, string itemId, CancellationToken cancellationToken);

    /// <summary>Returns every value the sync engine wrote for one item link, oldest first.</summary>
    Task<FieldHistory> GetFieldHistoryAsync(Guid flowId, Guid linkId, CancellationToken cancellationToken);
}

/// <summary>
/// The criteria of the events to show. Every criterion is optional and they combine with AND. The actor and
/// action match exactly, except that an action ending in "." matches every action it starts
/// (such as "flow."). <see cref="From"/> is inclusive and <see cref="To"/> exclusive. Text is
/// searched, ignoring case, in the target id and the details.
/// </summary>
public sealed record AuditFilter(
    string? Actor = null,
    string? Action = null,
    string? Tool = null,
    Guid? FlowId = null,
    Guid? RequestId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Text = null);

/// <summary>
/// A filter and a position in the activity log (keyset paging). <see cref="BeforeId"/> reads
/// the page of older events below that id, <see cref="AfterId"/> the page of newer events above
/// it; with neither the newest page is read.
/// </summary>
public sealed record AuditQuery(AuditFilter Filter, long? BeforeId = null, long? AfterId = null, int PageSize = 50)
{
    public AuditQuery()
        : this(new AuditFilter())
    {
    }
}

public sealed record AuditEventDto(long Id, DateTimeOffset At, string ActorName, string Action, string TargetType, string TargetId, string Details);

/// <summary>One page, newest first, and whether older or newer matching events exist past its ends.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEventDto> Events, bool HasOlder, bool HasNewer);

/// <summary>An item link of a flow, as found by an item id.</summary>
public sealed record LinkSummaryDto(Guid LinkId, string? ItemIdA, string? ItemIdB, string State, DateTimeOffset CreatedAt);

/// <summary>
/// One value written by the sync engine: <see cref="TargetSide"/> and <see cref="TargetItemId"/>
/// name the item written, <see cref="SourceItemId"/> the item on the other side it came from.
/// </summary>
public sealed record FieldWrite(
    long EventId,
    DateTimeOffset At,
    Guid? RunId,
    int? FlowVersion,
    string TargetSide,
    string TargetItemId,
    string? SourceItemId,
    string Field,
    string? OldValue,
    string? NewValue,
    bool WasConflict);

/// <summary>
/// The writes to one link grouped by "side:field", oldest first. <see cref="Truncated"/> is true
/// when the link had more sync events than one history reads.
/// </summary>
public sealed record FieldHistory(
    LinkSummaryDto Link,
    IReadOnlyList<FieldWrite> Writes,
    bool Truncated)
{
    public IEnumerable<IGrouping<string, FieldWrite>> ByField =>
        Writes.GroupBy(w => $"{w.TargetSide}:{w.Field}", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
}
