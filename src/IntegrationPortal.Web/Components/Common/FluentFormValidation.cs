using FluentValidation;

namespace IntegrationPortal.Web.Components.Common;

/// <summary>
/// Adapts a FluentValidation validator to <c>MudForm.Validation</c>: MudForm calls
/// <see cref="Validate"/> with its model and the property path from a field's <c>For</c>
/// expression, and shows the returned messages at that field.
/// </summary>
public sealed class FluentFormValidation<T>(IValidator<T> validator)
{
    /// <summary>The delegate to pass to <c>MudForm.Validation</c>.</summary>
    public Func<object, string, Task<IEnumerable<string>>> Validate => ValidateValueAsync;

    public async Task<IEnumerable<string>> ValidateValueAsync(object model, string propertyPath)
    {
        var context = ValidationContext<T>.CreateWithOptions((T)model, options => options.IncludeProperties(propertyPath));
        var result = await validator.ValidateAsync(context);

        return result.Errors.Select(e => e.ErrorMessage);
    }
}
