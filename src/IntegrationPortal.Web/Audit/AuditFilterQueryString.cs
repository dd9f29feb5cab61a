using System.Globalization;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;

namespace IntegrationPortal.Web.Audit;

/// <summary>
/// The activity log filter as URL query parameters, shared by the page (so a view can be shared
/// as a link) and the export endpoint. Dates are whole UTC days: "to" includes its day.
/// </summary>
public static class AuditFilterQueryString
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Builds a filter from raw query values; invalid ids or dates raise a validation error naming the parameter.</summary>
    public static AuditFilter Parse(Func<string, string?> value)
    {
        var from = Date(value("from"), "from");
        var to = Date(value("to"), "to");
        return new AuditFilter(
            Blank(value("actor")),
            Blank(value("action")),
            Blank(value("tool")),
            Id(value("flow"), "flow"),
            Id(value("request"), "request"),
            from,
            to?.AddDays(1),
            Blank(value("text")));
    }

    /// <summary>Returns the filter's query parameters; empty criteria are left out.</summary>
    public static Dictionary<string, string?> Format(AuditFilter filter) => new()
    {
        ["actor"] = filter.Actor,
        ["action"] = filter.Action,
        ["tool"] = filter.Tool,
        ["flow"] = filter.FlowId?.ToString(),
        ["request"] = filter.RequestId?.ToString(),
        ["from"] = filter.From?.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture),
        ["to"] = filter.To?.UtcDateTime.AddDays(-1).ToString(DateFormat, CultureInfo.InvariantCulture),
        ["text"] = filter.Text,
    };

    /// <summary>Returns "key=value&amp;…" for the non-empty criteria, escaped for a URL.</summary>
    public static string ToQuery(AuditFilter filter) => string.Join(
        '&',
        Format(filter).Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Guid? Id(string? value, string name)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }

        return Guid.TryParse(text, out var id)
            ? id
            : throw ValidatorExtensions.Invalid(name, $"'{text}' is not a valid {name} id. Copy the id from the {name}'s page.");
    }

    private static DateTimeOffset? Date(string? value, string name)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }

        return DateTime.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date, TimeSpan.Zero)
            : throw ValidatorExtensions.Invalid(name, $"'{text}' is not a date. Use the form {DateFormat}, such as 2026-01-31.");
    }
}
