using FluentValidation;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests.Backlog;

public sealed class BacklogActionCommandValidator : AbstractValidator<BacklogActionCommand>
{
    /// <summary>The maximum number of requests one decision may cover, so a preview stays readable.</summary>
    public const int MaxRequests = 500;

    public const int MaxTemplateNameLength = 200;

    public BacklogActionCommandValidator()
    {
        RuleFor(c => c.Action).IsInEnum();
        RuleFor(c => c.RequestIds)
            .NotEmpty().WithMessage("Select at least one request.")
            .Must(ids => ids.Count <= MaxRequests).WithMessage($"Select at most {MaxRequests} requests for one decision.");
        When(c => c.Action == BacklogAction.Reject, () => RuleFor(c => c.Reason)
            .NotEmpty().WithMessage("Give the requesters a reason for the rejection.")
            .MaximumLength(IntegrationRequest.MaxReasonLength));
        When(c => c.Action == BacklogAction.TurnIntoTemplate, () => RuleFor(c => c.TemplateName)
            .NotEmpty().WithMessage("Name the template, such as \"Redmine bugs to GitHub issues\".")
            .MaximumLength(MaxTemplateNameLength));
    }
}
