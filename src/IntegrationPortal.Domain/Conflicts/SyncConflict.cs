using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Domain.Conflicts;

/// <summary>
/// A mapped field of a linked pair that was edited differently on both sides between two runs. The
/// flow's conflict rule already picked a value during the run. The conflict stays open in the queue
/// until the flow's owner or an IT admin confirms that value or chooses another.
/// </summary>
public sealed class SyncConflict
{
    public const int MaxFieldLength = 100;
    public const int MaxItemIdLength = 200;
    public const int MaxAuthorLength = 256;

    /// <summary>
    /// The maximum length of a value a person may type to resolve a conflict. Long enough for an issue
    /// description, and bounded because the value is also stored in the audit trail.
    /// </summary>
    public const int MaxValueLength = 65_536;

    private SyncConflict()
    {
        ItemIdA = string.Empty;
        ItemIdB = string.Empty;
        FieldA = string.Empty;
        FieldB = string.Empty;
        KeptSide = string.Empty;
    }

    public SyncConflict(
        Guid id,
        Guid flowId,
        Guid linkId,
        Guid runId,
        string itemIdA,
        string itemIdB,
        string fieldA,
        string fieldB,
        ConflictSideValue sideA,
        ConflictSideValue sideB,
        ConflictRule rule,
        string keptSide,
        DateTimeOffset detectedAt)
    {
        if (keptSide is not ("A" or "B"))
        {
            throw new DomainException($"The kept side of a conflict must be A or B, not '{keptSide}'.");
        }

        Id = id;
        FlowId = flowId;
        LinkId = linkId;
        RunId = runId;
        ItemIdA = itemIdA;
        ItemIdB = itemIdB;
        FieldA = fieldA;
        FieldB = fieldB;
        ValueA = sideA.Value;
        AuthorA = sideA.Author;
        ChangedAtA = sideA.ChangedAt;
        ValueB = sideB.Value;
        AuthorB = sideB.Author;
        ChangedAtB = sideB.ChangedAt;
        Rule = rule;
        KeptSide = keptSide;
        DetectedAt = detectedAt;
        Status = ConflictStatus.Open;
    }

    public Guid Id { get; private set; }

    public Guid FlowId { get; private set; }

    public Guid LinkId { get; private set; }

    /// <summary>The run that found the conflict.</summary>
    public Guid RunId { get; private set; }

    public string ItemIdA { get; private set; }

    public string ItemIdB { get; private set; }

    /// <summary>The key of the mapped field on side A, such as "status".</summary>
    public string FieldA { get; private set; }

    public string FieldB { get; private set; }

    /// <summary>Side A's canonical value when the conflict was found; null for an empty field.</summary>
    public string? ValueA { get; private set; }

    public string? ValueB { get; private set; }

    /// <summary>Who last edited the item on side A, or null where the tool does not report it.</summary>
    public string? AuthorA { get; private set; }

    public string? AuthorB { get; private set; }

    /// <summary>The update time of the item on side A, as the tool reported it.</summary>
    public DateTimeOffset ChangedAtA { get; private set; }

    public DateTimeOffset ChangedAtB { get; private set; }

    /// <summary>The rule that decided the conflict during the run.</summary>
    public ConflictRule Rule { get; private set; }

    /// <summary>"A" or "B": the side whose value the rule kept and copied to the other side.</summary>
    public string KeptSide { get; private set; }

    public DateTimeOffset DetectedAt { get; private set; }

    public ConflictStatus Status { get; private set; }

    public ConflictResolution? Resolution { get; private set; }

    /// <summary>
    /// The chosen value in the terms of the side it came from: side B's for
    /// <see cref="ConflictResolution.KeepB"/>, side A's otherwise.
    /// </summary>
    public string? ResolvedValue { get; private set; }

    public string? ResolvedById { get; private set; }

    public string? ResolvedByName { get; private set; }

    /// <summary>When a person resolved the conflict, or when a newer conflict superseded it.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Returns true when this conflict is about the same linked pair and mapped field as <paramref name="other"/>.</summary>
    public bool SameFieldAs(SyncConflict other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return LinkId == other.LinkId
            && string.Equals(FieldA, other.FieldA, StringComparison.Ordinal)
            && string.Equals(FieldB, other.FieldB, StringComparison.Ordinal);
    }

    public void Resolve(ConflictResolution resolution, string? value, string userId, string userName, DateTimeOffset at)
    {
        EnsureOpen();
        Status = ConflictStatus.Resolved;
        Resolution = resolution;
        ResolvedValue = value;
        ResolvedById = userId;
        ResolvedByName = userName;
        ClosedAt = at;
    }

    public void Supersede(DateTimeOffset at)
    {
        EnsureOpen();
        Status = ConflictStatus.Superseded;
        ClosedAt = at;
    }

    private void EnsureOpen()
    {
        if (Status != ConflictStatus.Open)
        {
            throw new DomainException($"The conflict on field {FieldA} is already {Status.ToString().ToLowerInvariant()}; reload the conflict queue.");
        }
    }
}

/// <summary>One side of a conflict: the canonical value, who edited it (null where unknown) and when.</summary>
public readonly record struct ConflictSideValue(string? Value, string? Author, DateTimeOffset ChangedAt);
