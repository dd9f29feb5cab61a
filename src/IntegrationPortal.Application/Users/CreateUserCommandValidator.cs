using FluentValidation;
using IntegrationPortal.Domain.Identity;

namespace IntegrationPortal.Application.Users;

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public const int MinPasswordLength = 10;

    public CreateUserCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress().WithMessage("Enter the person's e-mail address; it is also their sign-in name.");
        RuleFor(c => c.Password).NotEmpty().MinimumLength(MinPasswordLength)
            .WithMessage($"Choose a password of at least {MinPasswordLength} characters.");
        RuleFor(c => c.Role).Must(r => Roles.All.Contains(r))
            .WithMessage($"Choose one of the roles: {string.Join(", ", Roles.All)}.");
    }
}
