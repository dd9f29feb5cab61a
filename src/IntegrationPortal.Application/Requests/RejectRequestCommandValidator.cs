using FluentValidation;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests;

public sealed class RejectRequestCommandValidator : AbstractValidator<RejectRequestCommand>
{
    public RejectRequestCommandValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Reason)
            .NotEmpty().WithMessage("Give the requester a reason for the rejection.")
            .MaximumLength(IntegrationRequest.MaxReasonLength);
    }
}
