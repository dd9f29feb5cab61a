using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Notifications;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Requests;

public sealed partial class RequestService(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    IRequestNotifier notifier,
    RequestScreening screening,
    ITemplateMatcher templates,
    IValidator<SubmitRequestCommand> submitValidator,
    IValidator<RejectRequestCommand> rejectValidator,
    IValidator<RequestCommentCommand> commentValidator,
    TimeProvider time) : IRequestService
{
    /// <summary>The holder shown while an open request waits for any IT admin.</summary>
    public const string ItQueueHolder = "IT queue";

    /// <summary>The holder shown once nothing is left to do on a request.</summary>
    public const string NoHolder = "No one";

    private const string Target = "request";

    public async Task<Guid> SubmitAsync(SubmitRequestCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.Requester, Roles.ItAdmin);
        await submitValidator.EnsureValidAsync(command, cancellationToken);
        var catalog = await ReadCatalogAsync(cancellationToken);
        var request = await DraftFromAsync(command, catalog, cancellationToken);

        var now = time.GetUtcNow();
        request.Submit(now);
        var result = await screening.ScreenAsync(request, catalog, cancellationToken);
        var findings = result.Findings(request.ToolA, request.ToolB);
        audit.Record(AuditActions.RequestSubmitted, Target, request.Id.ToString(), new
        {
            Summary = "Submitted the request.",
            From = nameof(RequestStatus.Draft),
            To = request.Status.ToString(),
            request.ToolA,
            request.ToolB,
            ToolAStatus = result.ToolA?.Status.ToString() ?? "not in catalog",
            ToolBStatus = result.ToolB?.Status.ToString() ?? "not in catalog",
            request.UseCase,
            request.Items,
            request.Fields,
            Direction = request.Direction.ToString(),
            Classification = request.Classification.ToString(),
            request.WantedBy,
            Findings = findings,
            Template = result.BestMatch?.Name,
            TemplateVersion = result.BestMatch?.Version,
            TemplateDifferences = result.BestMatch?.Differences,
        });
        notifier.StatusChanged(request, RequestStatus.Draft, user.UserName);

        if (result.ApprovesAtOnce)
        {
            ApproveByTemplate(request, result.BestMatch!, now);
        }
        else
        {
            if (result.BestMatch is { } match)
            {
                request.RecordTemplateMatch(match.TemplateId, match.Name, match.Version, match.Differences);
            }

            request.RecordPolicyViolations(findings);
        }

        await db.SaveChangesAsync(cancellationToken);
        return request.Id;
    }

    public async Task<Guid> SaveDraftAsync(SubmitRequestCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.Requester, Roles.ItAdmin);
        EnsureDraftFits(command);
        var catalog = await ReadCatalogAsync(cancellationToken);
        var request = await DraftFromAsync(command, catalog, cancellationToken);
        audit.Record(AuditActions.RequestDraftSaved, Target, request.Id.ToString(), new
        {
            Summary = "Saved the draft.",
            request.ToolA,
            request.ToolB,
            request.UseCase,
        });
        await db.SaveChangesAsync(cancellationToken);
        return request.Id;
    }

    public async Task FollowAsync(Guid requestId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Requester, Roles.ItAdmin);
        var request = await FindAsync(requestId, cancellationToken);
        if (request.RequesterId == user.UserId)
        {
            throw new DomainException("This is your own request, so you get its notifications already.");
        }

        if (!request.IsOpen)
        {
            throw new DomainException($"The request is {IntegrationRequest.Describe(request.Status)}; only an open request can be joined.");
        }

        if (await db.RequestFollowers.AnyAsync(f => f.RequestId == requestId && f.UserId == user.UserId, cancellationToken))
        {
            return;
        }

        db.RequestFollowers.Add(new RequestFollower(requestId, user.UserId!, user.UserName, time.GetUtcNow()));
        audit.Record(AuditActions.RequestFollowed, Target, request.Id.ToString(), new
        {
            Summary = "Joined the request instead of filing a look-alike one.",
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task StartReviewAsync(Guid requestId, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var request = await FindAsync(requestId, cancellationToken);
        var before = request.Status;
        request.StartReview(time.GetUtcNow());

        // Starting a review assigns the request to the admin, unless it has an assignee already.
        if (request.AssigneeId is null)
        {
            request.AssignTo(user.UserId, user.UserName);
        }

        RecordStatusChange(request, before, AuditActions.RequestReviewStarted, "Started the review.");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AskForInformationAsync(RequestCommentCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        await commentValidator.EnsureValidAsync(command, cancellationToken);
        var request = await FindAsync(command.RequestId, cancellationToken);
        var before = request.Status;
        request.AskForInformation(time.GetUtcNow());

        // An admin who requests information from the queue reviews the request, so the reply goes to that admin.
        if (request.AssigneeId is null)
        {
            request.AssignTo(user.UserId, user.UserName);
        }

        var comment = AddComment(request, command.Text);
        RecordStatusChange(request, before, AuditActions.RequestInformationRequested, "Asked the requester for more information.", comment.Id);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ProvideInformationAsync(RequestCommentCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.Requester, Roles.ItAdmin);
        await commentValidator.EnsureValidAsync(command, cancellationToken);
        var request = await FindAsync(command.RequestId, cancellationToken);
        if (request.RequesterId != user.UserId)
        {
            throw new ForbiddenAccessException("Only the requester can answer IT's question on this request.");
        }

        var before = request.Status;
        request.ProvideInformation(time.GetUtcNow());
        var comment = AddComment(request, command.Text);
        RecordStatusChange(request, before, AuditActions.RequestInformationProvided, "Answered IT's question.", comment.Id);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AddCommentAsync(RequestCommentCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.Requester, Roles.ItAdmin);
        await commentValidator.EnsureValidAsync(command, cancellationToken);
        var request = await FindAsync(command.RequestId, cancellationToken);
        if (request.RequesterId != user.UserId && !user.IsInRole(Roles.ItAdmin))
        {
            throw new ForbiddenAccessException("Only the requester and IT admins can comment on this request.");
        }

        var comment = AddComment(request, command.Text);
        audit.Record(AuditActions.RequestCommented, Target, request.Id.ToString(), new { Summary = "Commented.", CommentId = comment.Id });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ApproveAsync(Guid requestId, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var request = await FindAsync(requestId, cancellationToken);
        var before = request.Status;
        request.Approve(user.UserName, time.GetUtcNow());
        RecordStatusChange(request, before, AuditActions.RequestApproved, "Approved the request.");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RejectAsync(RejectRequestCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        await rejectValidator.EnsureValidAsync(command, cancellationToken);
        var request = await FindAsync(command.RequestId, cancellationToken);
        var before = request.Status;
        request.Reject(user.UserName, command.Reason, time.GetUtcNow());
        audit.Record(AuditActions.RequestRejected, Target, request.Id.ToString(), new
        {
            Summary = $"Rejected the request: {request.DecisionReason}",
            From = before.ToString(),
            To = request.Status.ToString(),
            request.RequesterName,
            request.UseCase,
            Reason = request.DecisionReason,
        });
        notifier.StatusChanged(request, before, user.UserName);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RetireAsync(Guid requestId, CancellationToken cancellationToken)
    {
        user.Require(Roles.Requester, Roles.ItAdmin);
        var request = await FindAsync(requestId, cancellationToken);
        if (request.RequesterId != user.UserId && !user.IsInRole(Roles.ItAdmin))
        {
            throw new ForbiddenAccessException("Only the requester or an IT admin can retire this request.");
        }

        var before = request.Status;
        request.Retire(time.GetUtcNow());
        RecordStatusChange(request, before, AuditActions.RequestRetired, "Retired the request.");
        await db.SaveChangesAsync(cancellationToken);
    }

    private void ApproveByTemplate(IntegrationRequest request, TemplateMatch match, DateTimeOffset at)
    {
        request.ApproveByTemplate(match.TemplateId, match.Name, match.Version, at);
        var summary = $"Approved by template {match.Name}, version {match.Version}.";
        audit.Record(AuditActions.RequestApprovedByTemplate, Target, request.Id.ToString(), new
        {
            Summary = summary,
            From = nameof(RequestStatus.Submitted),
            To = request.Status.ToString(),
            match.TemplateId,
            Template = match.Name,
            match.Version,
        });
        notifier.StatusChanged(request, RequestStatus.Submitted, $"template {match.Name}, version {match.Version}");
    }

    /// <summary>Writes the audit event of a status change and notifies the people who take part in the request.</summary>
    private void RecordStatusChange(IntegrationRequest request, RequestStatus before, string action, string summary, Guid? commentId = null)
    {
        audit.Record(action, Target, request.Id.ToString(), new
        {
            Summary = summary,
            From = before.ToString(),
            To = request.Status.ToString(),
            request.RequesterName,
            request.UseCase,
            CommentId = commentId,
        });
        notifier.StatusChanged(request, before, user.UserName);
    }

    private RequestComment AddComment(IntegrationRequest request, string text)
    {
        var comment = new RequestComment(Guid.NewGuid(), request.Id, user.UserId!, user.UserName, text.Trim(), time.GetUtcNow());
        db.RequestComments.Add(comment);
        return comment;
    }

    /// <summary>Creates a draft from the command, or changes the current user's draft that it names.</summary>
    private async Task<IntegrationRequest> DraftFromAsync(SubmitRequestCommand command, RequestCatalog catalog, CancellationToken cancellationToken)
    {
        var toolA = catalog.Resolve(command.ToolA);
        var toolB = catalog.Resolve(command.ToolB);
        if (command.DraftId is { } draftId)
        {
            var draft = await FindAsync(draftId, cancellationToken);
            if (draft.RequesterId != user.UserId)
            {
                throw new ForbiddenAccessException("Only the requester can change or submit this draft.");
            }

            draft.EditDraft(
                toolA,
                toolB,
                command.UseCase.Trim(),
                command.Items.Trim(),
                command.Fields.Trim(),
                command.Direction,
                command.Classification,
                command.Justification.Trim(),
                command.WantedBy);
            return draft;
        }

        var request = new IntegrationRequest(
            Guid.NewGuid(),
            user.UserId!,
            user.UserName,
            toolA,
            toolB,
            command.UseCase.Trim(),
            command.Fields.Trim(),
            command.Direction,
            command.Justification.Trim(),
            time.GetUtcNow(),
            asDraft: true);
        request.Describe(command.Items.Trim(), command.Classification, command.WantedBy);
        db.Requests.Add(request);
        return request;
    }

    /// <summary>A draft may be incomplete, but every text has to fit its column.</summary>
    private static void EnsureDraftFits(SubmitRequestCommand command)
    {
        EnsureFits(command.ToolA, SubmitRequestCommandValidator.MaxToolLength, nameof(command.ToolA), "first tool's name");
        EnsureFits(command.ToolB, SubmitRequestCommandValidator.MaxToolLength, nameof(command.ToolB), "second tool's name");
        EnsureFits(command.UseCase, IntegrationRequest.MaxUseCaseLength, nameof(command.UseCase), "use case");
        EnsureFits(command.Items, IntegrationRequest.MaxItemsLength, nameof(command.Items), "item description");
        EnsureFits(command.Fields, IntegrationRequest.MaxFieldsLength, nameof(command.Fields), "field list");
        EnsureFits(command.Justification, IntegrationRequest.MaxJustificationLength, nameof(command.Justification), "justification");
    }

    private static void EnsureFits(string? text, int maxLength, string propertyName, string label)
    {
        if (text is not null && text.Trim().Length > maxLength)
        {
            throw ValidatorExtensions.Invalid(propertyName, $"Shorten the {label} to {maxLength} characters or fewer.");
        }
    }

    private async Task<RequestCatalog> ReadCatalogAsync(CancellationToken cancellationToken) =>
        new(await db.Tools.AsNoTracking().ToListAsync(cancellationToken));

    private async Task<IntegrationRequest> FindAsync(Guid requestId, CancellationToken cancellationToken) =>
        await db.Requests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new NotFoundException("Request", requestId);
}
