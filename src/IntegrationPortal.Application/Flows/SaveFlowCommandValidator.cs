using FluentValidation;
using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Application.Flows;

/// <summary>
/// Checks the shape of a flow; the flow service also checks the fields against the tools and the
/// connections against the approved request.
/// </summary>
public sealed class SaveFlowCommandValidator : AbstractValidator<SaveFlowCommand>
{
    public SaveFlowCommandValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty().WithMessage("Choose the approved request this flow implements.");
        RuleFor(c => c.Name).NotEmpty().WithMessage("Name the flow, such as \"Support bugs to engineering\".")
            .MaximumLength(Flow.MaxNameLength);
        RuleFor(c => c.ConnectionAId).NotEmpty().WithMessage("Choose the connection for side A.");
        RuleFor(c => c.ContainerA).NotEmpty().WithMessage("Choose the project or repository on side A.")
            .MaximumLength(Flow.MaxContainerLength);
        RuleFor(c => c.ConnectionBId).NotEmpty().WithMessage("Choose the connection for side B.");
        RuleFor(c => c.ContainerB).NotEmpty().WithMessage("Choose the project or repository on side B.")
            .MaximumLength(Flow.MaxContainerLength);
        RuleFor(c => c.ConflictRule).IsInEnum();
        RuleFor(c => c.DeleteRule).IsInEnum();
        RuleFor(c => c.ScopeSide).IsInEnum();
        When(c => c.ScopeSide is not null, () =>
        {
            RuleFor(c => c.ScopeField).NotEmpty()
                .WithMessage("Choose the field that the item filter checks, or turn the filter off.");
            RuleFor(c => c.ScopeValue).NotEmpty()
                .WithMessage("Enter the value that items must have to be synced, such as a label, or turn the filter off.")
                .MaximumLength(ItemScope.MaxValueLength);
        });
        RuleFor(c => c.ScheduleMinutes)
            .InclusiveBetween(Flow.MinScheduleMinutes, Flow.MaxScheduleMinutes)
            .WithMessage($"Run the flow every {Flow.MinScheduleMinutes} to {Flow.MaxScheduleMinutes} minutes.");
        RuleFor(c => c.Mappings).NotEmpty().WithMessage("Map at least one field.");
        RuleFor(c => c.Mappings)
            .Must(m => m.Any(x => x.FieldA == "title" && x.FieldB == "title"))
            .WithMessage("Map title to title, so that items created on the other side have a title.");
        RuleFor(c => c.Mappings)
            .Must(m => m.Select(x => x.FieldA).Distinct().Count() == m.Count && m.Select(x => x.FieldB).Distinct().Count() == m.Count)
            .WithMessage("Map each field at most once on each side.");
        RuleForEach(c => c.Mappings).SetValidator(new FieldMappingInputValidator());
    }
}
