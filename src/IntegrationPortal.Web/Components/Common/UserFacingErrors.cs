using FluentValidation;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Sync.Connectors;
using MudBlazor;

namespace IntegrationPortal.Web.Components.Common;

/// <summary>
/// Turns the exceptions that the application layer throws for a user's mistake or a tool's error response
/// into messages for the page. Any other exception escapes to the layout's error boundary, which
/// shows a generic message and never a stack trace.
/// </summary>
public static class UserFacingErrors
{
    /// <summary>
    /// Returns the message of an exception meant for the user, or null for an unexpected one.
    /// All messages of a <see cref="ValidationException"/> are joined into one line.
    /// </summary>
    public static string? Describe(Exception exception) => exception switch
    {
        ValidationException validation => string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct()),
        DomainException or ForbiddenAccessException or NotFoundException or ConnectorException => exception.Message,
        _ => null,
    };

    /// <summary>
    /// Runs a service call and reports a failure meant for the user: validation errors go to
    /// <paramref name="fieldErrors"/> when given (and the rest to a snackbar), other known errors
    /// to a snackbar. Returns true when the call succeeded.
    /// </summary>
    public static async Task<bool> TryRunAsync(this ISnackbar snackbar, Func<Task> action, FieldErrors? fieldErrors = null)
    {
        ArgumentNullException.ThrowIfNull(snackbar);
        ArgumentNullException.ThrowIfNull(action);

        fieldErrors?.Clear();
        try
        {
            await action();
            return true;
        }
        catch (ValidationException exception) when (fieldErrors is not null)
        {
            fieldErrors.Apply(exception.Errors);
            snackbar.Add("Some values are invalid. See the messages at the fields.", MudBlazor.Severity.Error);
            return false;
        }
        catch (Exception exception) when (Describe(exception) is { } message)
        {
            snackbar.Add(message, MudBlazor.Severity.Error);
            return false;
        }
    }
}
