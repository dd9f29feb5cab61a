using System.Text.Json;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Audit;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Requests;

public sealed partial class RequestService
{
    private const int SimilarShown = 5;

    public async Task<IReadOnlyList<RequestDto>> ListMineAsync(CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var followed = await db.RequestFollowers.AsNoTracking()
            .Where(f => f.UserId == user.UserId)
            .Select(f => f.RequestId)
            .ToListAsync(cancellationToken);
        var rows = await db.Requests.AsNoTracking()
            .Where(r => r.RequesterId == user.UserId || followed.Contains(r.Id))
            .OrderByDescending(r => r.CreatedAt)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => ToDto(r, isFollowed: r.RequesterId != user.UserId))];
    }

    public async Task<IReadOnlyList<RequestDto>> ListAllAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin, Roles.Auditor);

        // Drafts belong to their requesters until they are submitted.
        var rows = await db.Requests.AsNoTracking()
            .Where(r => r.Status != RequestStatus.Draft)
            .OrderBy(r => r.Status == RequestStatus.Submitted ? 0 : 1)
            .ThenByDescending(r => r.SubmittedAt)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => ToDto(r))];
    }

    public async Task<RequestDetailDto> GetAsync(Guid requestId, CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var request = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new NotFoundException("Request", requestId);
        var followers = await db.RequestFollowers.AsNoTracking()
            .Where(f => f.RequestId == requestId)
            .OrderBy(f => f.At)
            .ToListAsync(cancellationToken);
        var isRequester = request.RequesterId == user.UserId;
        var isFollower = followers.Any(f => f.UserId == user.UserId);
        var isAdmin = user.IsInRole(Roles.ItAdmin);
        var mayRead = isRequester || isFollower || isAdmin || user.IsInRole(Roles.Auditor);
        if (!mayRead || (request.Status == RequestStatus.Draft && !isRequester))
        {
            throw new NotFoundException("Request", requestId);
        }

        var catalog = await ReadCatalogAsync(cancellationToken);
        var comments = await db.RequestComments.AsNoTracking()
            .Where(c => c.RequestId == requestId)
            .OrderBy(c => c.At)
            .Select(c => new RequestCommentDto(c.Id, c.AuthorName, c.Text, c.At))
            .ToListAsync(cancellationToken);
        var flows = await db.Flows.AsNoTracking()
            .Where(f => f.RequestId == requestId)
            .OrderBy(f => f.CreatedAt)
            .Select(f => new RequestFlowDto(f.Id, f.Name, f.Status))
            .ToListAsync(cancellationToken);
        var idText = requestId.ToString();
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.TargetType == Target && e.TargetId == idText)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);

        return new RequestDetailDto(
            ToDto(request, isFollower),
            request.Items,
            request.Classification,
            request.WantedBy,
            request.CreatedAt,
            catalog.Find(request.ToolA)?.Status,
            catalog.Find(request.ToolB)?.Status,
            Lines(request.PolicyViolations),
            Lines(request.TemplateDifferences),
            comments,
            [.. events.Select(ToTimelineEntry)],
            flows,
            [.. followers.Select(f => f.UserName)],
            ActionsFor(request, isRequester, isAdmin, isFollower));
    }

    public async Task<RequestSuggestions> SuggestAsync(SuggestRequestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        user.Require(Roles.Requester, Roles.ItAdmin);
        if (string.IsNullOrWhiteSpace(query.ToolA) || string.IsNullOrWhiteSpace(query.ToolB))
        {
            return RequestSuggestions.None;
        }

        var catalog = await ReadCatalogAsync(cancellationToken);
        var toolA = catalog.Resolve(query.ToolA);
        var toolB = catalog.Resolve(query.ToolB);
        var shape = new RequestShape(toolA, toolB, query.UseCase.Trim(), RequestFields.Split(query.Fields), query.Direction, query.Classification);
        var matches = await templates.MatchAsync(shape, cancellationToken);
        var suggestions = matches
            .Select(m => new TemplateSuggestion(m.TemplateId, m.Name, m.Version, m.ApprovesAtOnce, m.Differences))
            .ToList();
        var similar = string.IsNullOrWhiteSpace(query.UseCase)
            ? []
            : await FindSimilarAsync(toolA, toolB, query.UseCase, query.DraftId, cancellationToken);
        return new RequestSuggestions(suggestions, similar);
    }

    /// <summary>
    /// Finds other users' open requests of the same tool pair whose use case shares most words with
    /// this one, leaving out the tools' names as the IT queue's grouping does.
    /// </summary>
    private async Task<IReadOnlyList<SimilarRequestDto>> FindSimilarAsync(
        string toolA, string toolB, string useCase, Guid? draftId, CancellationToken cancellationToken)
    {
        var open = await db.Requests.AsNoTracking()
            .Where(r => r.Status == RequestStatus.Submitted || r.Status == RequestStatus.InReview || r.Status == RequestStatus.NeedsInformation)
            .Where(r => r.RequesterId != user.UserId && r.Id != draftId)
            .ToListAsync(cancellationToken);
        var pair = RequestPattern.ToolPair(toolA, toolB);
        var words = RequestPattern.PatternWords(useCase, toolA, toolB);
        var similar = open
            .Where(r => RequestPattern.ToolPair(r.ToolA, r.ToolB) == pair)
            .Select(r => (Request: r, Similarity: RequestPattern.Similarity(words, RequestPattern.PatternWords(r))))
            .Where(x => x.Similarity >= RequestPattern.SimilarFrom)
            .OrderByDescending(x => x.Similarity)
            .ThenBy(x => x.Request.SubmittedAt)
            .Take(SimilarShown)
            .Select(x => x.Request)
            .ToList();
        var ids = similar.Select(r => r.Id).ToList();
        var followerCounts = await db.RequestFollowers.AsNoTracking()
            .Where(f => ids.Contains(f.RequestId))
            .GroupBy(f => f.RequestId)
            .Select(g => new { RequestId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RequestId, g => g.Count, cancellationToken);
        return [.. similar.Select(r => new SimilarRequestDto(
            r.Id, r.RequesterName, r.ToolA, r.ToolB, r.UseCase, r.Status, followerCounts.GetValueOrDefault(r.Id)))];
    }

    private RequestActions ActionsFor(IntegrationRequest request, bool isRequester, bool isAdmin, bool isFollower)
    {
        var status = request.Status;
        var isRequesterRole = user.IsInRole(Roles.Requester) || isAdmin;
        return new RequestActions(
            CanEditDraft: isRequester && status == RequestStatus.Draft,
            CanStartReview: isAdmin && IntegrationRequest.CanMove(status, RequestStatus.InReview) && status != RequestStatus.NeedsInformation,
            CanAskForInformation: isAdmin && IntegrationRequest.CanMove(status, RequestStatus.NeedsInformation),
            CanAnswer: isRequester && status == RequestStatus.NeedsInformation,
            CanDecide: isAdmin && IntegrationRequest.CanMove(status, RequestStatus.Approved),
            CanRetire: (isRequester || isAdmin) && IntegrationRequest.CanMove(status, RequestStatus.Retired),
            CanComment: (isRequester || isAdmin) && status != RequestStatus.Draft,
            CanBuildFlow: (isRequester || isAdmin) && status is RequestStatus.Approved or RequestStatus.Built or RequestStatus.Live,
            CanFollow: isRequesterRole && !isRequester && !isFollower && request.IsOpen);
    }

    /// <summary>Describes an audit event of the request by the summary its writer stored, or by its action name.</summary>
    private static RequestTimelineEntry ToTimelineEntry(AuditEvent auditEvent)
    {
        var text = auditEvent.Action;
        try
        {
            using var details = JsonDocument.Parse(auditEvent.Details);
            if (details.RootElement.ValueKind == JsonValueKind.Object
                && details.RootElement.TryGetProperty("summary", out var summary)
                && summary.ValueKind == JsonValueKind.String)
            {
                text = summary.GetString() ?? text;
            }
        }
        catch (JsonException)
        {
            // Details are written by the portal as JSON; an unreadable one still shows its action.
        }

        return new RequestTimelineEntry(auditEvent.At, auditEvent.ActorName, auditEvent.Action, text);
    }

    private static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string HolderOf(IntegrationRequest request) =>
        request.HolderName ?? (request.IsOpen ? ItQueueHolder : NoHolder);

    private static RequestDto ToDto(IntegrationRequest r, bool isFollowed = false) => new(
        r.Id,
        r.RequesterName,
        r.ToolA,
        r.ToolB,
        r.UseCase,
        r.Fields,
        r.Direction,
        r.Justification,
        r.Status,
        r.SubmittedAt ?? r.CreatedAt,
        r.DecidedBy,
        r.DecidedAt,
        r.DecisionReason,
        HolderOf(r),
        r.AssigneeName,
        r.TemplateName,
        r.TemplateVersion,
        r.ApprovedByTemplate,
        r.TemplateDifferences,
        r.PolicyViolations,
        isFollowed);
}
