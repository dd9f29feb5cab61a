using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests.Backlog;

/// <summary>
/// The IT queue: open requests grouped by pattern, assignment, and decisions on a group or a
/// selection. IT admins only. A decision is previewed first and then applied to exactly the
/// previewed requests.
/// </summary>
public interface IBacklogService
{
    /// <summary>Lists the open requests that pass <paramref name="filter"/>, grouped by pattern.</summary>
    Task<BacklogView> ListAsync(BacklogFilter filter, CancellationToken cancellationToken);

    /// <summary>Lists the users who have the IT admin role, the people a request can be assigned to.</summary>
    Task<IReadOnlyList<AssigneeDto>> ListAssigneesAsync(CancellationToken cancellationToken);

    /// <summary>Assigns open requests to an IT admin, or back to the shared queue when the admin id is null.</summary>
    Task AssignAsync(AssignRequestsCommand command, CancellationToken cancellationToken);

    /// <summary>Lists which requests an action would change, from which status to which, and which it would skip and why.</summary>
    Task<BacklogPreview> PreviewAsync(BacklogActionCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a previewed action to exactly the previewed changes in one save. Throws
    /// <see cref="Domain.Common.DomainException"/> and changes nothing when a request moved since the preview.
    /// </summary>
    Task<BacklogOutcome> ApplyAsync(BacklogPreview preview, BacklogActionCommand command, CancellationToken cancellationToken);
}

/// <summary>The decisions the queue offers on a group or a selection.</summary>
public enum BacklogAction
{
    StartReview,
    Approve,
    Reject,

    /// <summary>Creates a template from the requests and approves each of them by it.</summary>
    TurnIntoTemplate,
}

/// <summary>Which open requests the queue shows; every null or empty filter lets all through.</summary>
public sealed class BacklogFilter
{
    /// <summary>An open status (submitted, in review, needs information), or null for all three.</summary>
    public RequestStatus? Status { get; set; }

    /// <summary>A tool pair as <see cref="RequestPattern.ToolPair"/> writes it ("github+redmine").</summary>
    public string? ToolPair { get; set; }

    /// <summary>An IT admin's user id, <see cref="Unassigned"/> for requests without an assignee, or null for all.</summary>
    public string? AssigneeId { get; set; }

    /// <summary>True for requests that came close to a template, false for those that matched none.</summary>
    public bool? TemplateMatched { get; set; }

    /// <summary>Only requests submitted at least this many days ago.</summary>
    public int? MinAgeDays { get; set; }

    /// <summary>The <see cref="AssigneeId"/> value that selects unassigned requests.</summary>
    public const string Unassigned = "-";

    /// <summary>The maximum <see cref="MinAgeDays"/> accepted: ten years, longer than any request waits.</summary>
    public const int MaxAgeDays = 3650;
}

/// <summary>The grouped queue and its totals: requests against the decisions they need.</summary>
public sealed record BacklogView(IReadOnlyList<RequestGroupDto> Groups, int ReviewSlaDays)
{
    public int RequestCount => Groups.Sum(g => g.Requests.Count);

    /// <summary>One decision per group, and a group of one is one decision too.</summary>
    public int DecisionsNeeded => Groups.Count;
}

/// <summary>
/// Look-alike open requests: the same tool pair and similar use cases. <see cref="Key"/> is the id of
/// the oldest request, which keeps a group's key stable while requests join it.
/// </summary>
public sealed record RequestGroupDto(
    Guid Key,
    string ToolPair,
    string Label,
    IReadOnlyList<BacklogRequestDto> Requests,
    TimeSpan OldestAge,
    SlaState WorstSla)
{
    public bool IsGroup => Requests.Count > 1;
}

/// <summary>An open request as the queue shows it, with its age and SLA state at the time of listing.</summary>
public sealed record BacklogRequestDto(
    Guid Id,
    string RequesterName,
    string ToolA,
    string ToolB,
    string UseCase,
    string Items,
    string Fields,
    SyncDirection Direction,
    string Justification,
    RequestStatus Status,
    DateTimeOffset SubmittedAt,
    TimeSpan Age,
    SlaState Sla,
    string? AssigneeId,
    string? AssigneeName,
    string? TemplateName,
    IReadOnlyList<string> TemplateDifferences);

public sealed record AssigneeDto(string Id, string Name);

public sealed class AssignRequestsCommand
{
    public List<Guid> RequestIds { get; set; } = [];

    /// <summary>The IT admin's user id, or null to return the requests to the shared queue.</summary>
    public string? AssigneeId { get; set; }
}

/// <summary>A decision on some requests; <see cref="Reason"/> is for rejections, <see cref="TemplateName"/> for templates.</summary>
public sealed class BacklogActionCommand
{
    public BacklogAction Action { get; set; }

    public List<Guid> RequestIds { get; set; } = [];

    public string Reason { get; set; } = string.Empty;

    public string TemplateName { get; set; } = string.Empty;
}

/// <summary>What an action would do: the requests it changes and the ones it skips.</summary>
public sealed record BacklogPreview(BacklogAction Action, IReadOnlyList<PreviewChange> Changes, IReadOnlyList<PreviewSkip> Skipped);

public sealed record PreviewChange(Guid RequestId, string RequesterName, string UseCase, RequestStatus From, RequestStatus To);

/// <summary>A request the action leaves as it is, because its status does not allow the move.</summary>
public sealed record PreviewSkip(Guid RequestId, string RequesterName, string UseCase, RequestStatus Status, string Reason);

/// <summary>The result of an applied action; <see cref="TemplateName"/> is set when a template was created.</summary>
public sealed record BacklogOutcome(int Changed, Guid? TemplateId, string? TemplateName);
