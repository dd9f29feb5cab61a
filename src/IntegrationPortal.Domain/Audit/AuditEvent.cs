using IntegrationPortal.Domain.Common;

namespace IntegrationPortal.Domain.Audit;

/// <summary>
/// One entry of the append-only activity log: who did what to which target, and when.
/// Details are JSON written by the portal and never contain a secret. Each event is a link of a
/// hash chain: <see cref="Hash"/> covers the content and <see cref="PreviousHash"/>, so an edit,
/// a deletion or a reordering of stored events breaks the chain at that point.
/// </summary>
public sealed class AuditEvent
{
    private static long _createdCount;

    private AuditEvent()
    {
        ActorId = string.Empty;
        ActorName = string.Empty;
        Action = string.Empty;
        TargetType = string.Empty;
        TargetId = string.Empty;
        Details = "{}";
        PreviousHash = string.Empty;
        Hash = string.Empty;
    }

    /// <summary>
    /// Creates an unchained event. The time is cut to whole milliseconds, a precision that both
    /// databases store exactly, so the hash computed before the insert matches the stored row.
    /// </summary>
    public AuditEvent(DateTimeOffset at, string actorId, string actorName, string action, string targetType, string targetId, string details)
        : this()
    {
        At = AuditChainHash.TruncateToMilliseconds(at);
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        TargetType = targetType;
        TargetId = targetId;
        Details = details;
        CreationOrder = Interlocked.Increment(ref _createdCount);
    }

    /// <summary>
    /// The order in which this process created its events; not stored. It orders the events of
    /// one save in the chain the way they were recorded.
    /// </summary>
    public long CreationOrder { get; }

    public long Id { get; private set; }

    /// <summary>The position in the chain: 1 for the first event ever written, without gaps.</summary>
    public long Sequence { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string ActorId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>A dotted name such as "request.approved" or "flow.run.finished".</summary>
    public string Action { get; private set; }

    public string TargetType { get; private set; }

    public string TargetId { get; private set; }

    public string Details { get; private set; }

    /// <summary>The <see cref="Hash"/> of the event before this one, or <see cref="AuditChainHash.Genesis"/> for the first.</summary>
    public string PreviousHash { get; private set; }

    /// <summary>The lowercase hex SHA-256 of this event's content and <see cref="PreviousHash"/>.</summary>
    public string Hash { get; private set; }

    /// <summary>True once <see cref="AppendTo"/> gave the event its place in the chain.</summary>
    public bool IsChained => Sequence > 0;

    /// <summary>
    /// Places the event after the one with <paramref name="previousSequence"/> and
    /// <paramref name="previousHash"/>, and computes its hash. An event is chained once only.
    /// </summary>
    public void AppendTo(long previousSequence, string previousHash)
    {
        if (IsChained)
        {
            throw new DomainException($"Audit event {Sequence} is already chained; an event cannot be moved in the chain.");
        }

        Sequence = previousSequence + 1;
        PreviousHash = previousHash;
        Hash = AuditChainHash.Compute(this);
    }
}
