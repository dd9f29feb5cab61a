using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests;

/// <summary>
/// Integration requests from draft to retired. Requesters file, reply to and retire their own
/// requests, and IT admins review and decide. Every status change writes an audit event and
/// notifies the people who take part in the request.
/// </summary>
public interface IRequestService
{
    /// <summary>
    /// Submits a new request, or the draft named by <see cref="SubmitRequestCommand.DraftId"/>, and
    /// returns its id. A request inside an auto-approving template that breaks no policy is approved
    /// at once. Any other request waits in the IT queue with its template differences and violations.
    /// </summary>
    Task<Guid> SubmitAsync(SubmitRequestCommand command, CancellationToken cancellationToken);

    /// <summary>Saves a new draft, or changes the draft named by <see cref="SubmitRequestCommand.DraftId"/>, and returns its id.</summary>
    Task<Guid> SaveDraftAsync(SubmitRequestCommand command, CancellationToken cancellationToken);

    /// <summary>Lists the current user's own requests and the ones they follow, newest first.</summary>
    Task<IReadOnlyList<RequestDto>> ListMineAsync(CancellationToken cancellationToken);

    /// <summary>Lists every request, undecided first, for IT admins and auditors.</summary>
    Task<IReadOnlyList<RequestDto>> ListAllAsync(CancellationToken cancellationToken);

    /// <summary>Reads one request with its thread, timeline and flows, and what the current user may do with it.</summary>
    Task<RequestDetailDto> GetAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>Finds the templates and the open requests of other users that look like the request being typed.</summary>
    Task<RequestSuggestions> SuggestAsync(SuggestRequestQuery query, CancellationToken cancellationToken);

    /// <summary>Makes the current user a follower of someone else's request, instead of filing a look-alike one.</summary>
    Task FollowAsync(Guid requestId, CancellationToken cancellationToken);

    Task StartReviewAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>Sends the request back to its requester with the IT admin's question as a comment.</summary>
    Task AskForInformationAsync(RequestCommentCommand command, CancellationToken cancellationToken);

    /// <summary>Adds the requester's reply as a comment and moves the request back to IT.</summary>
    Task ProvideInformationAsync(RequestCommentCommand command, CancellationToken cancellationToken);

    /// <summary>Adds a comment to the thread without changing the status.</summary>
    Task AddCommentAsync(RequestCommentCommand command, CancellationToken cancellationToken);

    Task ApproveAsync(Guid requestId, CancellationToken cancellationToken);

    Task RejectAsync(RejectRequestCommand command, CancellationToken cancellationToken);

    /// <summary>Ends an approved, built or live request; its requester or an IT admin may do it.</summary>
    Task RetireAsync(Guid requestId, CancellationToken cancellationToken);
}

/// <summary>
/// One request in a list. <see cref="Holder"/> names who has to act next, which is "IT queue" while
/// an open request has no assignee. The later parameters are optional, so older callers keep compiling.
/// </summary>
public sealed record RequestDto(
    Guid Id,
    string RequesterName,
    string ToolA,
    string ToolB,
    string UseCase,
    string Fields,
    SyncDirection Direction,
    string Justification,
    RequestStatus Status,
    DateTimeOffset SubmittedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    string? Holder = null,
    string? AssigneeName = null,
    string? TemplateName = null,
    int? TemplateVersion = null,
    bool ApprovedByTemplate = false,
    string? TemplateDifferences = null,
    string? PolicyViolations = null,
    bool IsFollowed = false);

/// <summary>The input of the request wizard; mutable so the form can bind to it.</summary>
public sealed class SubmitRequestCommand
{
    /// <summary>The draft to change or submit, or null for a new request.</summary>
    public Guid? DraftId { get; set; }

    /// <summary>A catalog tool key, or the name of a tool that is not in the catalog.</summary>
    public string ToolA { get; set; } = string.Empty;

    /// <summary>A catalog tool key, or the name of a tool that is not in the catalog.</summary>
    public string ToolB { get; set; } = string.Empty;

    public string UseCase { get; set; } = string.Empty;

    /// <summary>Which items should sync, such as "bugs labelled customer in project Support".</summary>
    public string Items { get; set; } = string.Empty;

    /// <summary>The field names, separated by commas.</summary>
    public string Fields { get; set; } = string.Empty;

    public SyncDirection Direction { get; set; } = SyncDirection.Both;

    public Domain.Policies.DataClassification Classification { get; set; } = Domain.Policies.DataClassification.Internal;

    public string Justification { get; set; } = string.Empty;

    public DateOnly? WantedBy { get; set; }
}

public sealed class RejectRequestCommand
{
    public Guid RequestId { get; set; }

    public string Reason { get; set; } = string.Empty;
}

/// <summary>A comment on a request: a question, an answer or a remark.</summary>
public sealed class RequestCommentCommand
{
    public Guid RequestId { get; set; }

    public string Text { get; set; } = string.Empty;
}

/// <summary>What the wizard has typed so far; any part may still be empty.</summary>
public sealed record SuggestRequestQuery(
    string ToolA,
    string ToolB,
    string UseCase,
    string Fields,
    SyncDirection Direction,
    Domain.Policies.DataClassification Classification,
    Guid? DraftId = null);
