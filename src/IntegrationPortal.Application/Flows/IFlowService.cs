using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Application.Flows;

/// <summary>Flows built from approved requests, and their runs.</summary>
public interface IFlowService
{
    /// <summary>Saves a new flow as a draft for an approved request of the current user (or any, for IT admins).</summary>
    Task<Guid> CreateAsync(SaveFlowCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Activates a draft or resumes a paused flow, and schedules its runs. Rejects the change with a
    /// <see cref="Domain.Common.DomainException"/> naming the reason when the current policies do not allow the flow.
    /// </summary>
    Task ActivateAsync(Guid flowId, CancellationToken cancellationToken);

    Task PauseAsync(Guid flowId, string reason, CancellationToken cancellationToken);

    /// <summary>Queues a run at once, in addition to the schedule.</summary>
    Task RunNowAsync(Guid flowId, CancellationToken cancellationToken);

    Task<IReadOnlyList<FlowSummaryDto>> ListAsync(CancellationToken cancellationToken);

    Task<FlowDetailDto> GetAsync(Guid flowId, CancellationToken cancellationToken);
}

public sealed record FlowSummaryDto(
    Guid Id,
    string Name,
    string OwnerName,
    string ToolA,
    string ContainerA,
    string ToolB,
    string ContainerB,
    FlowStatus Status,
    DateTimeOffset? LastRunAt,
    SyncRunStatus? LastRunStatus,
    string? PauseReason = null,
    DateTimeOffset? PausedAt = null,
    bool PausedByPolicy = false);

public sealed record FlowDetailDto(
    FlowSummaryDto Summary,
    Guid RequestId,
    IReadOnlyList<FieldMapping> Mappings,
    ConflictRule ConflictRule,
    DeleteRule DeleteRule,
    ItemScope? Scope,
    int ScheduleMinutes,
    string? PauseReason,
    int Version,
    int LinkedItems,
    int FlaggedLinks,
    IReadOnlyList<SyncRunDto> Runs);

public sealed record SyncRunDto(
    Guid Id,
    string Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    SyncRunStatus Status,
    int ItemsRead,
    int ItemsCreated,
    int ItemsUpdated,
    int Conflicts,
    int ItemsFailed,
    string? Warnings,
    string? Error,
    DateTimeOffset? RetryAt = null);

/// <summary>The input of the flow builder; mutable so the form can bind to it.</summary>
public sealed class SaveFlowCommand
{
    public Guid RequestId { get; set; }

    public string Name { get; set; } = string.Empty;

    public Guid ConnectionAId { get; set; }

    public string ContainerA { get; set; } = string.Empty;

    public Guid ConnectionBId { get; set; }

    public string ContainerB { get; set; } = string.Empty;

    public List<FieldMappingInput> Mappings { get; set; } = [];

    public ConflictRule ConflictRule { get; set; } = ConflictRule.MostRecentWins;

    public DeleteRule DeleteRule { get; set; } = DeleteRule.UnlinkAndFlag;

    /// <summary>The side whose items the item filter limits, or null to create counterparts for every item.</summary>
    public ScopeSide? ScopeSide { get; set; }

    /// <summary>The field of the filtered side that must contain <see cref="ScopeValue"/>, such as "labels".</summary>
    public string ScopeField { get; set; } = string.Empty;

    public string ScopeValue { get; set; } = string.Empty;

    public int ScheduleMinutes { get; set; } = 5;

    /// <summary>
    /// The template the flow is built from, or null. A flow whose request a template approved is held
    /// to that template whether or not this is set.
    /// </summary>
    public Guid? TemplateId { get; set; }
}

public sealed class FieldMappingInput
{
    public string FieldA { get; set; } = string.Empty;

    public string FieldB { get; set; } = string.Empty;

    public SyncDirection Direction { get; set; } = SyncDirection.Both;

    /// <summary>The rule for conflicts on this field, or null for the flow's rule.</summary>
    public ConflictRule? ConflictRule { get; set; }

    public List<ValueMapInput> ValueMap { get; set; } = [];
}

public sealed class ValueMapInput
{
    public string ValueA { get; set; } = string.Empty;

    public string ValueB { get; set; } = string.Empty;
}
