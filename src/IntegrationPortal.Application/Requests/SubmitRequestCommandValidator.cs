using FluentValidation;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests;

public sealed class SubmitRequestCommandValidator : AbstractValidator<SubmitRequestCommand>
{
    /// <summary>The longest tool key or typed tool name a request stores.</summary>
    public const int MaxToolLength = 50;

    public SubmitRequestCommandValidator()
        : this(TimeProvider.System)
    {
    }

    public SubmitRequestCommandValidator(TimeProvider time)
    {
        RuleFor(c => c.ToolA)
            .NotEmpty().WithMessage("Choose the first tool.")
            .MaximumLength(MaxToolLength).WithMessage($"Shorten the first tool's name to {MaxToolLength} characters or fewer.");

        // Both sides may be the same tool, such as two GitHub organizations or two Redmine servers.
        RuleFor(c => c.ToolB)
            .NotEmpty().WithMessage("Choose the second tool.")
            .MaximumLength(MaxToolLength).WithMessage($"Shorten the second tool's name to {MaxToolLength} characters or fewer.");
        RuleFor(c => c.UseCase)
            .NotEmpty().WithMessage("Describe the use case in a few words, such as \"Sync support bugs to engineering\".")
            .MaximumLength(IntegrationRequest.MaxUseCaseLength);
        RuleFor(c => c.Items).MaximumLength(IntegrationRequest.MaxItemsLength);
        RuleFor(c => c.Fields)
            .NotEmpty().WithMessage("List the fields to sync, separated by commas, such as \"title, description, status\".")
            .MaximumLength(IntegrationRequest.MaxFieldsLength);
        RuleFor(c => c.Direction).IsInEnum();
        RuleFor(c => c.Classification).IsInEnum();
        RuleFor(c => c.Justification)
            .NotEmpty().WithMessage("Say why the team needs this integration, so IT can decide.")
            .MinimumLength(10).WithMessage("Give IT at least one sentence (10 characters or more) on why the team needs this.")
            .MaximumLength(IntegrationRequest.MaxJustificationLength);
        RuleFor(c => c.WantedBy)
            .Must(date => date is null || date >= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
            .WithMessage("The wanted-by date is in the past; pick today or a later date, or leave it empty.");
    }
}
