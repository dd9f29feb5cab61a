using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests.Backlog;

public sealed partial class BacklogService
{
    public async Task<BacklogPreview> PreviewAsync(BacklogActionCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        user.Require(Roles.ItAdmin);
        await actionValidator.EnsureValidAsync(command, cancellationToken);

        var requests = await LoadAsync(command.RequestIds, tracked: false, cancellationToken);
        if (command.Action == BacklogAction.TurnIntoTemplate)
        {
            EnsureOneToolPair(requests);
        }

        var to = TargetStatus(command.Action);
        var changes = new List<PreviewChange>();
        var skipped = new List<PreviewSkip>();
        foreach (var request in requests)
        {
            if (IntegrationRequest.CanMove(request.Status, to))
            {
                changes.Add(new PreviewChange(request.Id, request.RequesterName, request.UseCase, request.Status, to));
            }
            else
            {
                var reason = $"It is {IntegrationRequest.Describe(request.Status)}, so it cannot become {IntegrationRequest.Describe(to)}.";
                skipped.Add(new PreviewSkip(request.Id, request.RequesterName, request.UseCase, request.Status, reason));
            }
        }

        return new BacklogPreview(command.Action, changes, skipped);
    }

    public async Task<BacklogOutcome> ApplyAsync(BacklogPreview preview, BacklogActionCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preview);
        ArgumentNullException.ThrowIfNull(command);
        user.Require(Roles.ItAdmin);
        var validation = await actionValidator.ValidateAsync(
            command,
            options => options.IncludeRulesNotInRuleSet().IncludeRuleSets(BacklogActionCommandValidator.Apply),
            cancellationToken);
        if (!validation.IsValid)
        {
            throw new ValidationException(validation.Errors);
        }

        if (preview.Action != command.Action)
        {
            throw ValidatorExtensions.Invalid(nameof(command.Action), $"The preview is for {preview.Action}, not {command.Action}; preview the action again.");
        }

        if (preview.Changes.Count == 0)
        {
            throw new DomainException("The preview changes no request, so there is nothing to apply.");
        }

        // NOTE: two admins applying at the same moment can both pass this check, because requests
        // have no concurrency token. The later save then overwrites the earlier decision.
        var requests = await LoadAsync([.. preview.Changes.Select(c => c.RequestId)], tracked: true, cancellationToken);
        EnsureUnchangedSincePreview(preview, requests);

        TemplateMatch? template = null;
        if (command.Action == BacklogAction.TurnIntoTemplate)
        {
            EnsureOneToolPair(requests);
            template = await templates.CreateFromRequestsAsync(command.TemplateName.Trim(), [.. requests.Select(r => r.Id)], cancellationToken);
        }

        var now = time.GetUtcNow();
        foreach (var request in requests)
        {
            var before = request.Status;
            Decide(request, command, template, now);
            RecordDecision(request, before, command, template, requests.Count);
            notifier.StatusChanged(request, before, user.UserName);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new BacklogOutcome(requests.Count, template?.TemplateId, template?.Name);
    }

    private static RequestStatus TargetStatus(BacklogAction action) => action switch
    {
        BacklogAction.StartReview => RequestStatus.InReview,
        BacklogAction.Reject => RequestStatus.Rejected,
        _ => RequestStatus.Approved,
    };

    private static void EnsureUnchangedSincePreview(BacklogPreview preview, List<IntegrationRequest> requests)
    {
        foreach (var change in preview.Changes)
        {
            var request = requests.First(r => r.Id == change.RequestId);
            if (request.Status != change.From)
            {
                throw new DomainException(
                    $"{request.RequesterName}'s request \"{request.UseCase}\" is {IntegrationRequest.Describe(request.Status)} now, "
                    + $"not {IntegrationRequest.Describe(change.From)} as previewed. Nothing was changed; preview the action again.");
            }
        }
    }

    private static void EnsureOneToolPair(List<IntegrationRequest> requests)
    {
        var pairs = requests.Select(r => RequestPattern.ToolPair(r.ToolA, r.ToolB)).Distinct().ToList();
        if (pairs.Count > 1)
        {
            throw ValidatorExtensions.Invalid(
                nameof(BacklogActionCommand.RequestIds),
                $"A template covers one tool pair, but the selected requests connect {string.Join(", ", pairs)}; select requests of one pair.");
        }
    }

    /// <summary>Starting a review also assigns an unassigned request to the admin, so its requester can see which admin has it.</summary>
    private void Decide(IntegrationRequest request, BacklogActionCommand command, TemplateMatch? template, DateTimeOffset now)
    {
        switch (command.Action)
        {
            case BacklogAction.StartReview:
                request.StartReview(now);
                if (request.AssigneeId is null)
                {
                    request.AssignTo(user.UserId, user.UserName);
                }

                break;
            case BacklogAction.Approve:
                request.Approve(user.UserName, now);
                break;
            case BacklogAction.Reject:
                request.Reject(user.UserName, command.Reason, now);
                break;
            case BacklogAction.TurnIntoTemplate:
                request.ApproveByTemplate(template!.TemplateId, template.Name, template.Version, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Action, "Unknown backlog action.");
        }
    }

    /// <summary>
    /// Returns the sentence that the request page's history shows for a decision. The sentences are
    /// those of the same decision taken on the request page, or of a template's approval at submission.
    /// </summary>
    private static string Summary(IntegrationRequest request, BacklogAction action, TemplateMatch? template) => action switch
    {
        BacklogAction.StartReview => "Started the review.",
        BacklogAction.Reject => $"Rejected the request: {request.DecisionReason}",
        BacklogAction.TurnIntoTemplate => $"Approved by template {template!.Name}, version {template.Version}.",
        _ => "Approved the request.",
    };

    private void RecordDecision(IntegrationRequest request, RequestStatus before, BacklogActionCommand command, TemplateMatch? template, int batchSize)
    {
        var action = command.Action switch
        {
            BacklogAction.StartReview => AuditActions.RequestReviewStarted,
            BacklogAction.Reject => AuditActions.RequestRejected,
            BacklogAction.TurnIntoTemplate => AuditActions.RequestApprovedByTemplate,
            _ => AuditActions.RequestApproved,
        };
        audit.Record(action, "request", request.Id.ToString(), new
        {
            Summary = Summary(request, command.Action, template),
            request.RequesterName,
            request.UseCase,
            From = before.ToString(),
            To = request.Status.ToString(),
            Reason = request.DecisionReason,
            TemplateId = template?.TemplateId,
            TemplateName = template?.Name,
            TemplateVersion = template?.Version,
            BatchSize = batchSize,
        });
    }
}
