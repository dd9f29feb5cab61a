using FluentValidation;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests;

public sealed class RequestCommentCommandValidator : AbstractValidator<RequestCommentCommand>
{
    public RequestCommentCommandValidator()
    {
        RuleFor(c => c.RequestId).NotEmpty();
        RuleFor(c => c.Text)
            .NotEmpty().WithMessage("Write the comment first.")
            .MaximumLength(RequestComment.MaxTextLength)
            .WithMessage($"Shorten the comment to {RequestComment.MaxTextLength} characters or fewer.");
    }
}
