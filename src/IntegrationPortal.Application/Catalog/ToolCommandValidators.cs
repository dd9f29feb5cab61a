using FluentValidation;
using IntegrationPortal.Domain.Catalog;

namespace IntegrationPortal.Application.Catalog;

public sealed class AddToolCommandValidator : AbstractValidator<AddToolCommand>
{
    public AddToolCommandValidator()
    {
        RuleFor(c => c.Key)
            .NotEmpty().WithMessage("Enter a key, such as \"jira\". It names the tool in links and the activity log.")
            .Must(Tool.IsValidKey)
            .WithMessage($"Use 1 to {Tool.MaxKeyLength} lowercase letters, digits and hyphens, starting with a letter, such as \"azure-devops\".");
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage("Enter the tool's name, such as \"Jira\".")
            .MaximumLength(Tool.MaxNameLength).WithMessage($"Keep the name to at most {Tool.MaxNameLength} characters.");
        RuleFor(c => c.Status).IsInEnum().WithMessage("Choose a status: approved, blocked or under review.");
        RuleFor(c => c.Reason)
            .NotEmpty().When(c => c.Status == ToolStatus.Blocked)
            .WithMessage("Give a reason for blocking the tool. Requesters will see it.")
            .MaximumLength(Tool.MaxReasonLength).WithMessage($"Keep the reason to at most {Tool.MaxReasonLength} characters.");
    }
}

public sealed class UpdateToolCommandValidator : AbstractValidator<UpdateToolCommand>
{
    public UpdateToolCommandValidator()
    {
        RuleFor(c => c.ToolKey).NotEmpty().WithMessage("Choose the tool to change.");
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage("Enter the tool's name, such as \"Jira\".")
            .MaximumLength(Tool.MaxNameLength).WithMessage($"Keep the name to at most {Tool.MaxNameLength} characters.");
        RuleFor(c => c.Reason)
            .MaximumLength(Tool.MaxReasonLength).WithMessage($"Keep the reason to at most {Tool.MaxReasonLength} characters.");
    }
}
