using FluentValidation;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests;

public sealed class SubmitRequestCommandValidator : AbstractValidator<SubmitRequestCommand>
{
    public SubmitRequestCommandValidator()
    {
        RuleFor(c => c.ToolA).NotEmpty().WithMessage("Choose the first tool.");
        // Both sides may be the same tool, such as two GitHub organizations or two Redmine servers.
        RuleFor(c => c.ToolB).NotEmpty().WithMessage("Choose the second tool.");
        RuleFor(c => c.UseCase)
            .NotEmpty().WithMessage("Describe the use case in a few words, such as \"Sync support bugs to engineering\".")
            .MaximumLength(IntegrationRequest.MaxUseCaseLength);
        RuleFor(c => c.Fields)
            .NotEmpty().WithMessage("List the fields to sync, separated by commas, such as \"title, description, status\".")
            .MaximumLength(IntegrationRequest.MaxFieldsLength);
        RuleFor(c => c.Direction).IsInEnum();
        RuleFor(c => c.Justification)
            .NotEmpty().WithMessage("Say why the team needs this integration, so IT can decide.")
            .MinimumLength(10).WithMessage("Give IT at least one sentence (10 characters or more) on why the team needs this.")
            .MaximumLength(IntegrationRequest.MaxJustificationLength);
    }
}
