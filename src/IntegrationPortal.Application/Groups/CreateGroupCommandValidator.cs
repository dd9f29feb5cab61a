using FluentValidation;
using IntegrationPortal.Domain.Groups;

namespace IntegrationPortal.Application.Groups;

public sealed class CreateGroupCommandValidator : AbstractValidator<CreateGroupCommand>
{
    public CreateGroupCommandValidator()
    {
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage("Name the group, such as \"Support team\".")
            .MaximumLength(UserGroup.MaxNameLength).WithMessage($"Keep the name to at most {UserGroup.MaxNameLength} characters.");
    }
}
