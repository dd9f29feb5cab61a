using FluentValidation;
using IntegrationPortal.Domain.Connections;

namespace IntegrationPortal.Application.Connections;

public sealed class RotateSecretCommandValidator : AbstractValidator<RotateSecretCommand>
{
    /// <summary>The longest token accepted, so that its protected form fits the 4000-character column.</summary>
    public const int MaxSecretLength = 1000;

    public RotateSecretCommandValidator()
    {
        RuleFor(c => c.ConnectionId).NotEmpty().WithMessage("Choose the connection whose token to replace.");
        RuleFor(c => c.Secret)
            .NotEmpty().WithMessage("Enter the new API token; the portal never shows the current one.")
            .MaximumLength(MaxSecretLength).WithMessage($"Enter a token of at most {MaxSecretLength} characters.");
    }
}

public sealed class RevokeConnectionCommandValidator : AbstractValidator<RevokeConnectionCommand>
{
    public RevokeConnectionCommandValidator()
    {
        RuleFor(c => c.ConnectionId).NotEmpty().WithMessage("Choose the connection to revoke.");
        RuleFor(c => c.Reason)
            .NotEmpty().WithMessage("Give a reason for revoking the connection. Owners of the paused flows will see it.")
            .MaximumLength(Connection.MaxRevokeReasonLength)
            .WithMessage($"Keep the reason to at most {Connection.MaxRevokeReasonLength} characters.");
    }
}

public sealed class ShareConnectionCommandValidator : AbstractValidator<ShareConnectionCommand>
{
    public ShareConnectionCommandValidator()
    {
        RuleFor(c => c.ConnectionId).NotEmpty().WithMessage("Choose the connection to share.");
        RuleFor(c => c.PrincipalKind).IsInEnum().WithMessage("Choose whether to share with a user or a group.");
        RuleFor(c => c.PrincipalId).NotEmpty().WithMessage("Choose the user or group to share the connection with.");
        RuleFor(c => c.Right).IsInEnum().WithMessage("Choose a right: Use to build flows, Manage to also test, rotate, revoke and share.");
    }
}
