using FluentValidation;
using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Application.Flows;

/// <summary>
/// Checks one mapping of a flow or of a template: both fields chosen, a known direction, a conflict
/// rule only where conflicts can happen, and complete value map rows.
/// </summary>
public sealed class FieldMappingInputValidator : AbstractValidator<FieldMappingInput>
{
    public FieldMappingInputValidator()
    {
        RuleFor(m => m.FieldA).NotEmpty().WithMessage("Choose the field on side A, or remove the mapping.");
        RuleFor(m => m.FieldB).NotEmpty().WithMessage("Choose the field on side B, or remove the mapping.");
        RuleFor(m => m.Direction).IsInEnum();
        RuleFor(m => m.ConflictRule).IsInEnum();

        // A one-way mapping never reads the target's edits, so no conflict can reach its rule.
        RuleFor(m => m.ConflictRule).Null()
            .When(m => m.Direction != SyncDirection.Both)
            .WithMessage(m => $"The mapping {m.FieldA} → {m.FieldB} copies one way, so it has no conflicts; set \"On conflict\" to the flow default or make the mapping both ways.");
        RuleForEach(m => m.ValueMap).ChildRules(entry =>
        {
            entry.RuleFor(e => e.ValueA).NotEmpty().WithMessage("Enter the value on side A, or remove the row.");
            entry.RuleFor(e => e.ValueB).NotEmpty().WithMessage("Enter the value on side B, or remove the row.");
        });
    }
}
