using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;

namespace IntegrationPortal.Application.Requests;

/// <summary>
/// One request as its page shows it. A null <see cref="ToolAStatus"/> or <see cref="ToolBStatus"/>
/// means the tool is not in the catalog.
/// </summary>
public sealed record RequestDetailDto(
    RequestDto Request,
    string Items,
    DataClassification Classification,
    DateOnly? WantedBy,
    DateTimeOffset CreatedAt,
    ToolStatus? ToolAStatus,
    ToolStatus? ToolBStatus,
    IReadOnlyList<string> PolicyViolations,
    IReadOnlyList<string> TemplateDifferences,
    IReadOnlyList<RequestCommentDto> Comments,
    IReadOnlyList<RequestTimelineEntry> Timeline,
    IReadOnlyList<RequestFlowDto> Flows,
    IReadOnlyList<string> Followers,
    RequestActions Actions);

public sealed record RequestCommentDto(Guid Id, string AuthorName, string Text, DateTimeOffset At);

/// <summary>One entry of the request's history, read from the activity log.</summary>
public sealed record RequestTimelineEntry(DateTimeOffset At, string ActorName, string Action, string Text);

public sealed record RequestFlowDto(Guid Id, string Name, FlowStatus Status);

/// <summary>What the current user may do with the request now; the service checks each again when called.</summary>
public sealed record RequestActions(
    bool CanEditDraft,
    bool CanStartReview,
    bool CanAskForInformation,
    bool CanAnswer,
    bool CanDecide,
    bool CanRetire,
    bool CanComment,
    bool CanBuildFlow,
    bool CanFollow);

/// <summary>The wizard's suggestions: templates the request fits, best first, and look-alike open requests.</summary>
public sealed record RequestSuggestions(IReadOnlyList<TemplateSuggestion> Templates, IReadOnlyList<SimilarRequestDto> Similar)
{
    public static RequestSuggestions None { get; } = new([], []);
}

/// <summary>A template of the typed tool pair; an empty <see cref="Differences"/> means the request stays inside it.</summary>
public sealed record TemplateSuggestion(Guid TemplateId, string Name, int Version, bool ApprovesAtOnce, IReadOnlyList<string> Differences);

public sealed record SimilarRequestDto(Guid Id, string RequesterName, string ToolA, string ToolB, string UseCase, Domain.Requests.RequestStatus Status, int FollowerCount);
