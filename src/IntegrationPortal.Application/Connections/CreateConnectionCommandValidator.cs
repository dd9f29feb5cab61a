using FluentValidation;
using IntegrationPortal.Domain.Connections;

namespace IntegrationPortal.Application.Connections;

public sealed class CreateConnectionCommandValidator : AbstractValidator<CreateConnectionCommand>
{
    public CreateConnectionCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Name the connection, such as \"Engineering GitHub\".")
            .MaximumLength(Connection.MaxNameLength);
        RuleFor(c => c.ToolKey).NotEmpty().WithMessage("Choose the tool this connection is for.");
        RuleFor(c => c.BaseUrl)
            .NotEmpty().WithMessage("Enter the tool's base URL, such as https://redmine.example.com.")
            .MaximumLength(Connection.MaxBaseUrlLength)
            .Must(BeAbsoluteHttpUrl).WithMessage("Enter an absolute http:// or https:// URL, such as https://redmine.example.com.");
        RuleFor(c => c.Secret).NotEmpty().WithMessage("Enter the API token the portal should use for this tool.");
    }

    private static bool BeAbsoluteHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
