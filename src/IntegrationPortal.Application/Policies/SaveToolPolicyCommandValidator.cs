using FluentValidation;
using IntegrationPortal.Domain.Policies;

namespace IntegrationPortal.Application.Policies;

/// <summary>Checks the shape of a policy; the service also checks the field keys against the tool.</summary>
public sealed class SaveToolPolicyCommandValidator : AbstractValidator<SaveToolPolicyCommand>
{
    public SaveToolPolicyCommandValidator()
    {
        RuleFor(c => c.ToolKey).NotEmpty().WithMessage("Choose the tool whose policy this is.");
        RuleFor(c => c.DefaultAccess).IsInEnum();
        RuleFor(c => c.Fields.Count).LessThanOrEqualTo(ToolPolicy.MaxFieldRules)
            .OverridePropertyName(nameof(SaveToolPolicyCommand.Fields))
            .WithMessage($"A tool can have at most {ToolPolicy.MaxFieldRules} field rules; remove some.");
        RuleForEach(c => c.Fields).ChildRules(rule =>
        {
            rule.RuleFor(r => r.Field).NotEmpty().WithMessage("Choose the field this rule is for, or remove the row.")
                .MaximumLength(FieldRule.MaxFieldLength);
            rule.RuleFor(r => r.ItemType).MaximumLength(FieldRule.MaxItemTypeLength);
            rule.RuleFor(r => r.Access).IsInEnum();
            rule.RuleFor(r => r.Classification).IsInEnum();
        });
        RuleFor(c => c.Fields)
            .Must(rules => rules
                .GroupBy(r => (r.Field.Trim().ToUpperInvariant(), r.ItemType.Trim().ToUpperInvariant()))
                .All(g => g.Count() == 1))
            .WithMessage("Each field can have one rule per item type; remove the duplicate row.");

        RuleFor(c => c.AllowedContainers.Count).LessThanOrEqualTo(ItemScopePolicy.MaxEntries)
            .OverridePropertyName(nameof(SaveToolPolicyCommand.AllowedContainers))
            .WithMessage($"List at most {ItemScopePolicy.MaxEntries} projects or repositories.");
        RuleForEach(c => c.AllowedContainers).NotEmpty().WithMessage("Enter a project or repository, or remove the empty entry.")
            .MaximumLength(ItemScopePolicy.MaxContainerLength);

        RuleFor(c => c.RequiredValue).NotEmpty()
            .When(c => !string.IsNullOrWhiteSpace(c.RequiredField))
            .WithMessage("Enter the value that every synced item must have, or clear the required field.")
            .MaximumLength(ScopeRule.MaxValueLength);
        RuleFor(c => c.RequiredField).NotEmpty()
            .When(c => !string.IsNullOrWhiteSpace(c.RequiredValue))
            .WithMessage("Choose the field that must have the required value, or clear the value.");

        RuleFor(c => c.Excluded.Count).LessThanOrEqualTo(ItemScopePolicy.MaxEntries)
            .OverridePropertyName(nameof(SaveToolPolicyCommand.Excluded))
            .WithMessage($"List at most {ItemScopePolicy.MaxEntries} excluded conditions.");
        RuleForEach(c => c.Excluded).ChildRules(rule =>
        {
            rule.RuleFor(r => r.Field).NotEmpty().WithMessage("Choose the field of the excluded condition, or remove the row.");
            rule.RuleFor(r => r.Value).NotEmpty().WithMessage("Enter the value that keeps items out, such as a label, or remove the row.")
                .MaximumLength(ScopeRule.MaxValueLength);
        });
    }
}
