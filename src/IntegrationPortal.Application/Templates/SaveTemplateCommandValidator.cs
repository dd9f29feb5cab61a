using FluentValidation;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Templates;

namespace IntegrationPortal.Application.Templates;

/// <summary>
/// Checks the shape of a template; the template service also checks the tools against the catalog
/// and the field keys against the tools.
/// </summary>
public sealed class SaveTemplateCommandValidator : AbstractValidator<SaveTemplateCommand>
{
    public SaveTemplateCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Name the template, such as \"Support bugs to engineering\".")
            .MaximumLength(TemplateDefinition.MaxNameLength);
        RuleFor(c => c.ToolA).NotEmpty().WithMessage("Choose the tool of side A.");
        RuleFor(c => c.ToolB).NotEmpty().WithMessage("Choose the tool of side B.");
        RuleFor(c => c.UseCase).NotEmpty().WithMessage("Describe the use case the template approves, such as \"copy support bugs to engineering\".")
            .MaximumLength(TemplateDefinition.MaxUseCaseLength);
        RuleFor(c => c.MaxClassification).IsInEnum();
        RuleFor(c => c.MinScheduleMinutes)
            .InclusiveBetween(Flow.MinScheduleMinutes, Flow.MaxScheduleMinutes)
            .WithMessage($"Set the shortest interval between {Flow.MinScheduleMinutes} and {Flow.MaxScheduleMinutes} minutes.");
        RuleFor(c => c.MaxScheduleMinutes)
            .InclusiveBetween(Flow.MinScheduleMinutes, Flow.MaxScheduleMinutes)
            .WithMessage($"Set the longest interval between {Flow.MinScheduleMinutes} and {Flow.MaxScheduleMinutes} minutes.");
        RuleFor(c => c.MaxScheduleMinutes)
            .GreaterThanOrEqualTo(c => c.MinScheduleMinutes)
            .WithMessage(c => $"The maximum interval must not be below the minimum ({c.MinScheduleMinutes} minutes). Raise the maximum or lower the minimum.");
        RuleFor(c => c.ScopeSide).IsInEnum();
        When(c => c.ScopeSide is not null, () =>
        {
            RuleFor(c => c.ScopeField).NotEmpty()
                .WithMessage("Choose the field that the item filter checks, or turn the filter off.");
            RuleFor(c => c.ScopeValue).NotEmpty()
                .WithMessage("Enter the value that items must have to be synced, such as a label, or turn the filter off.")
                .MaximumLength(ItemScope.MaxValueLength);
        });

        RuleFor(c => c.Fields).NotEmpty().WithMessage("Allow at least one field pair, such as title to title.");
        RuleFor(c => c.Fields)
            .Must(fields => fields.Any(f => f.FieldA == "title" && f.FieldB == "title"))
            .When(c => c.Fields.Count > 0)
            .WithMessage("Allow title to title: every flow maps it, so a template without it allows no flow.");
        RuleFor(c => c.Fields)
            .Must(fields => fields.Select(f => (f.FieldA, f.FieldB)).Distinct().Count() == fields.Count)
            .WithMessage("List each field pair once.");
        RuleForEach(c => c.Fields).ChildRules(field =>
        {
            field.RuleFor(f => f.FieldA).NotEmpty().WithMessage("Choose the field on side A.");
            field.RuleFor(f => f.FieldB).NotEmpty().WithMessage("Choose the field on side B.");
            field.RuleFor(f => f.Direction).IsInEnum();
        });

        RuleForEach(c => c.Mappings).SetValidator(new FieldMappingInputValidator());
        RuleFor(c => c.Mappings)
            .Must(m => m.Select(x => x.FieldA).Distinct().Count() == m.Count && m.Select(x => x.FieldB).Distinct().Count() == m.Count)
            .WithMessage("Map each field at most once on each side.");
    }
}
