using FluentValidation;

namespace IntegrationPortal.Application.Requests.Backlog;

public sealed class AssignRequestsCommandValidator : AbstractValidator<AssignRequestsCommand>
{
    public AssignRequestsCommandValidator()
    {
        RuleFor(c => c.RequestIds)
            .NotEmpty().WithMessage("Select at least one request to assign.")
            .Must(ids => ids.Count <= BacklogActionCommandValidator.MaxRequests)
            .WithMessage($"Assign at most {BacklogActionCommandValidator.MaxRequests} requests at once.");
    }
}
