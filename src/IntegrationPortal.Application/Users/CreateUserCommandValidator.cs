using FluentValidation;
using IntegrationPortal.Domain.Identity;

namespace IntegrationPortal.Application.Users;

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public const int MinPasswordLength = 10;

    /// <summary>The length of Identity's user name and e-mail columns.</summary>
    public const int MaxEmailLength = 256;

    public CreateUserCommandValidator()
    {
        RuleFor(c => c.Email)
            .NotEmpty().WithMessage("Enter an e-mail address; it is also the sign-in name.")
            .EmailAddress().WithMessage("Enter a valid e-mail address, such as name@example.com; it is also the sign-in name.")
            .MaximumLength(MaxEmailLength).WithMessage($"Enter an e-mail address of at most {MaxEmailLength} characters.");
        RuleFor(c => c.Password)
            .NotEmpty().WithMessage($"Choose a password of at least {MinPasswordLength} characters.")
            .MinimumLength(MinPasswordLength).WithMessage($"Choose a password of at least {MinPasswordLength} characters.");
        RuleFor(c => c.Role).Must(r => Roles.All.Contains(r))
            .WithMessage($"Choose one of the roles: {string.Join(", ", Roles.All)}.");
    }
}
