using FluentValidation;
using IntegrationPortal.Domain.Conflicts;

namespace IntegrationPortal.Application.Conflicts;

/// <summary>
/// Checks the shape of a resolution. The conflict service also checks a typed value against the
/// mapping's value map and the field's allowed values.
/// </summary>
public sealed class ResolveConflictCommandValidator : AbstractValidator<ResolveConflictCommand>
{
    public ResolveConflictCommandValidator()
    {
        RuleFor(c => c.ConflictId).NotEmpty().WithMessage("Choose the conflict to resolve.");
        RuleFor(c => c.Resolution).IsInEnum().WithMessage("Choose Keep A, Keep B or a typed value.");
        When(c => c.Resolution == ConflictResolution.Custom, () =>
        {
            RuleFor(c => c.Value)
                .NotEmpty().WithMessage("Type the value to keep, or choose Keep A or Keep B.")
                .MaximumLength(SyncConflict.MaxValueLength)
                .WithMessage($"The value is longer than {SyncConflict.MaxValueLength} characters; shorten it.");
        });
    }
}
