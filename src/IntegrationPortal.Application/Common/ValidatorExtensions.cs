using FluentValidation;

namespace IntegrationPortal.Application.Common;

public static class ValidatorExtensions
{
    /// <summary>Throws <see cref="ValidationException"/> listing every failed rule by property name.</summary>
    public static async Task EnsureValidAsync<T>(this IValidator<T> validator, T instance, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(instance, cancellationToken);
        if (!result.IsValid)
        {
            throw new ValidationException(result.Errors);
        }
    }

    public static ValidationException Invalid(string propertyName, string message) =>
        new([new FluentValidation.Results.ValidationFailure(propertyName, message)]);
}
