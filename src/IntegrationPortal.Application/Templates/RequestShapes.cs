using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Templates;

/// <summary>Builds the <see cref="RequestShape"/> of a saved request, for matching it against templates.</summary>
public static class RequestShapes
{
    private static readonly char[] FieldSeparators = [',', ';', '\n', '\r'];

    public static RequestShape Of(IntegrationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RequestShape(request.ToolA, request.ToolB, request.UseCase, SplitFields(request.Fields), request.Direction, request.Classification);
    }

    /// <summary>Splits the fields a requester typed, such as "title, status; assignee", into trimmed names.</summary>
    public static IReadOnlyList<string> SplitFields(string fields) =>
        [.. (fields ?? string.Empty).Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
