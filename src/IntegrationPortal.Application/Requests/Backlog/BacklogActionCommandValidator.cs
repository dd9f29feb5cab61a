using FluentValidation;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests.Backlog;

/// <summary>
/// Checks a decision. The reason and the template name are asked for in the confirmation dialog,
/// after the preview, so their rules are in the <see cref="Apply"/> rule set, which only applying checks.
/// </summary>
public sealed class BacklogActionCommandValidator : AbstractValidator<BacklogActionCommand>
{
    public const string Apply = "Apply";

    /// <summary>The maximum number of requests one decision may cover, so a preview stays readable.</summary>
    public const int MaxRequests = 500;

    public const int MaxTemplateNameLength = 200;

    public BacklogActionCommandValidator()
    {
        RuleFor(c => c.Action).IsInEnum();
        RuleFor(c => c.RequestIds)
            .NotEmpty().WithMessage("Select at least one request.")
            .Must(ids => ids.Count <= MaxRequests).WithMessage($"Select at most {MaxRequests} requests for one decision.");
        RuleSet(Apply, () =>
        {
            When(c => c.Action == BacklogAction.Reject, () => RuleFor(c => c.Reason)
                .Must(reason => !string.IsNullOrWhiteSpace(reason)).WithMessage("Give the requesters a reason for the rejection.")
                .MaximumLength(IntegrationRequest.MaxReasonLength));
            When(c => c.Action == BacklogAction.TurnIntoTemplate, () => RuleFor(c => c.TemplateName)
                .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Name the template, such as \"Redmine bugs to GitHub issues\".")
                .MaximumLength(MaxTemplateNameLength));
        });
    }
}
