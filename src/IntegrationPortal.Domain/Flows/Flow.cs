using IntegrationPortal.Domain.Common;

namespace IntegrationPortal.Domain.Flows;

/// <summary>
/// A two-way sync between a container on side A (a Redmine project) and one on side B (a GitHub
/// repository), built by a requester from an approved request.
/// </summary>
public sealed class Flow
{
    public const int MaxNameLength = 100;
    public const int MaxContainerLength = 200;
    public const int MaxPauseReasonLength = 1000;
    public const int MinScheduleMinutes = 1;
    public const int MaxScheduleMinutes = 1440;

    private List<FieldMapping> _mappings = [];

    private Flow()
    {
        Name = string.Empty;
        OwnerId = string.Empty;
        OwnerName = string.Empty;
        ContainerA = string.Empty;
        ContainerB = string.Empty;
    }

    public Flow(
        Guid id,
        string name,
        Guid requestId,
        string ownerId,
        string ownerName,
        Guid connectionAId,
        string containerA,
        Guid connectionBId,
        string containerB,
        IEnumerable<FieldMapping> mappings,
        ConflictRule conflictRule,
        int scheduleMinutes,
        DateTimeOffset at,
        DeleteRule deleteRule = DeleteRule.UnlinkAndFlag,
        ItemScope? scope = null)
    {
        Id = id;
        Name = name;
        RequestId = requestId;
        OwnerId = ownerId;
        OwnerName = ownerName;
        ConnectionAId = connectionAId;
        ContainerA = containerA;
        ConnectionBId = connectionBId;
        ContainerB = containerB;
        _mappings = [.. mappings];
        ConflictRule = conflictRule;
        ScheduleMinutes = scheduleMinutes;
        DeleteRule = deleteRule;
        Scope = scope;
        Status = FlowStatus.Draft;
        CreatedAt = at;
        Version = 1;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public Guid RequestId { get; private set; }

    public string OwnerId { get; private set; }

    public string OwnerName { get; private set; }

    public Guid ConnectionAId { get; private set; }

    /// <summary>The tool's own id of the container on side A, such as a Redmine project identifier.</summary>
    public string ContainerA { get; private set; }

    public Guid ConnectionBId { get; private set; }

    /// <summary>The tool's own id of the container on side B, such as "owner/repository" on GitHub.</summary>
    public string ContainerB { get; private set; }

    public IReadOnlyList<FieldMapping> Mappings
    {
        get => _mappings;
        private set => _mappings = [.. value];
    }

    public ConflictRule ConflictRule { get; private set; }

    /// <summary>What happens to the counterpart when one item of a linked pair disappears.</summary>
    public DeleteRule DeleteRule { get; private set; }

    /// <summary>The filter that limits which items of one side get a counterpart, or null for every item.</summary>
    public ItemScope? Scope { get; private set; }

    public int ScheduleMinutes { get; private set; }

    public FlowStatus Status { get; private set; }

    public string? PauseReason { get; private set; }

    /// <summary>When the flow was last paused, by a person or by the runtime policy check.</summary>
    public DateTimeOffset? PausedAt { get; private set; }

    /// <summary>
    /// True when the policy check paused the flow rather than a person, so the flow may resume by
    /// itself once the policies allow it again.
    /// </summary>
    public bool PausedByPolicy { get; private set; }

    public int Version { get; private set; }

    /// <summary>The template the flow was built from, or null for a flow built without one.</summary>
    public Guid? TemplateId { get; private set; }

    /// <summary>The version of <see cref="TemplateId"/> the flow was checked against when it was saved.</summary>
    public int? TemplateVersion { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The update time, as side A reports it, from which the next run reads changes.</summary>
    public DateTimeOffset? CursorA { get; set; }

    /// <summary>The update time, as side B reports it, from which the next run reads changes.</summary>
    public DateTimeOffset? CursorB { get; set; }

    /// <summary>The worker that holds the run lease, or null when no run is in progress.</summary>
    public string? LeaseHolder { get; private set; }

    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    /// <summary>
    /// The first trigger that arrived while a run held the lease, or null. The run that holds the
    /// lease clears it on release and queues one follow-up run, however many triggers arrived.
    /// </summary>
    public DateTimeOffset? FollowUpRequestedAt { get; private set; }

    /// <summary>Records the template version the flow was built from and checked against.</summary>
    public void RecordTemplate(Guid templateId, int templateVersion)
    {
        TemplateId = templateId;
        TemplateVersion = templateVersion;
    }

    public void Activate()
    {
        if (Status == FlowStatus.Active)
        {
            throw new DomainException("The flow is already active.");
        }

        Status = FlowStatus.Active;
        PauseReason = null;
        PausedAt = null;
        PausedByPolicy = false;
    }

    public void Pause(string reason, DateTimeOffset at, bool byPolicy = false)
    {
        if (Status != FlowStatus.Active)
        {
            throw new DomainException("Only an active flow can be paused.");
        }

        Status = FlowStatus.Paused;
        PauseReason = reason;
        PausedAt = at;
        PausedByPolicy = byPolicy;
    }
}
