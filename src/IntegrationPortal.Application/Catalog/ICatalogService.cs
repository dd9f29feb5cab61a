using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Catalog;

/// <summary>
/// The tool catalog: which tools exist, whether IT approved them, who in IT owns each decision
/// and when it is reviewed. Every change is for IT admins only.
/// </summary>
public interface ICatalogService
{
    Task<IReadOnlyList<ToolDto>> ListToolsAsync(CancellationToken cancellationToken);

    /// <summary>Adds a catalog entry, also for a tool the portal has no connector for, so IT can record a decision on it.</summary>
    Task<string> AddToolAsync(AddToolCommand command, CancellationToken cancellationToken);

    /// <summary>Changes a tool's name, owner, review date and reason, but not its status.</summary>
    Task UpdateToolAsync(UpdateToolCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Changes a tool's status. A reason is required to block. Leaving Approved pauses every active
    /// flow on the tool at once. Returning to Approved resumes the flows that the policy check
    /// paused, if the policies allow them again.
    /// </summary>
    Task SetToolStatusAsync(SetToolStatusCommand command, CancellationToken cancellationToken);

    /// <summary>Lists the flows that <see cref="SetToolStatusAsync"/> would pause or resume, without changing anything.</summary>
    Task<ToolStatusPreview> PreviewStatusChangeAsync(string toolKey, ToolStatus status, CancellationToken cancellationToken);

    /// <summary>Lists the IT admins, who can own a tool.</summary>
    Task<IReadOnlyList<ToolOwnerDto>> ListOwnerCandidatesAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A catalog entry. <see cref="HasConnector"/> is false for a tool listed only to record IT's
/// decision, and <see cref="ReviewOverdue"/> is true when the review date lies before today (UTC).
/// </summary>
public sealed record ToolDto(
    string Key,
    string Name,
    ToolStatus Status,
    string? Reason,
    DateTimeOffset ChangedAt,
    string? OwnerId = null,
    string? OwnerName = null,
    DateOnly? ReviewDate = null,
    bool HasConnector = false,
    bool ReviewOverdue = false);

public sealed record ToolOwnerDto(string Id, string Name);

public sealed record SetToolStatusCommand(string ToolKey, ToolStatus Status, string? Reason);

/// <summary>A flow that a status change would pause or resume, with the owner to tell.</summary>
public sealed record StatusChangeFlowDto(Guid Id, string Name, string OwnerName, FlowStatus Status, string? PauseReason);

/// <summary>
/// What a status change would do. <see cref="FlowsToPause"/> are the active flows on a tool that
/// leaves Approved. <see cref="FlowsToResume"/> are the flows the policy check paused on a tool that
/// returns to Approved, and each resumes unless another rule (the other tool, a revoked connection)
/// still stops it. <see cref="Connections"/> counts the tool's connections that stop or start being usable.
/// </summary>
public sealed record ToolStatusPreview(
    string ToolKey,
    string ToolName,
    ToolStatus From,
    ToolStatus To,
    IReadOnlyList<StatusChangeFlowDto> FlowsToPause,
    IReadOnlyList<StatusChangeFlowDto> FlowsToResume,
    int Connections)
{
    /// <summary>The open requests that name the tool, whose decision the change bears on.</summary>
    public IReadOnlyList<StatusChangeRequestDto> OpenRequests { get; init; } = [];
}

/// <summary>An open request a tool status change bears on, as the status preview lists it.</summary>
public sealed record StatusChangeRequestDto(Guid Id, string UseCase, string RequesterName, RequestStatus Status);

/// <summary>The input of the "add tool" form, mutable so the form can bind to it.</summary>
public sealed class AddToolCommand
{
    /// <summary>The short lowercase name used in URLs and audit events, such as "jira".</summary>
    public string Key { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public ToolStatus Status { get; set; } = ToolStatus.UnderReview;

    public string? Reason { get; set; }

    /// <summary>The user id of the IT admin who owns the decision, or null when no owner is assigned.</summary>
    public string? OwnerId { get; set; }

    public DateOnly? ReviewDate { get; set; }
}

/// <summary>The input of the "edit tool" form, mutable so the form can bind to it.</summary>
public sealed class UpdateToolCommand
{
    public string ToolKey { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? Reason { get; set; }

    public string? OwnerId { get; set; }

    public DateOnly? ReviewDate { get; set; }
}
