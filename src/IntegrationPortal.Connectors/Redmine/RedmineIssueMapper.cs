using System.Globalization;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Connectors.Redmine;

/// <summary>
/// Converts Redmine issues to canonical field values, and canonical descriptions and dates to what
/// Redmine stores. Descriptions are canonical Markdown, converted from and to the Redmine
/// instance's text formatting.
/// </summary>
internal static class RedmineIssueMapper
{
    public const string TitleKey = "title";
    public const string DescriptionKey = "description";
    public const string StatusKey = "status";
    public const string TrackerKey = "tracker";
    public const string PriorityKey = "priority";
    public const string StartDateKey = "start_date";
    public const string DueDateKey = "due_date";

    public static SyncItem ToSyncItem(RedmineIssue issue, string baseUrl, RichTextFormat textFormat)
    {
        var id = issue.Id.ToString(CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [TitleKey] = issue.Subject,
            [DescriptionKey] = RichTextConverter.ToCanonical(issue.Description, textFormat),
            [StatusKey] = issue.Status?.Name,
            [TrackerKey] = issue.Tracker?.Name,
            [PriorityKey] = issue.Priority?.Name,
            [StartDateKey] = issue.StartDate,
            [DueDateKey] = issue.DueDate,
        };
        return new SyncItem(id, issue.UpdatedOn.ToUniversalTime(), fields, $"{baseUrl}/issues/{id}");
    }

    /// <summary>
    /// Writes a canonical description in the instance's markup. Redmine clears the description when
    /// it receives an empty string, so an empty value becomes one.
    /// </summary>
    public static string ToDescription(string? canonical, RichTextFormat textFormat) =>
        RichTextConverter.FromCanonical(canonical, textFormat) ?? string.Empty;

    /// <summary>Returns a canonical date as Redmine stores it (yyyy-MM-dd), or null to clear the date.</summary>
    public static string? ToDate(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return CalendarValues.NormalizeDate(value)
            ?? throw new ConnectorException($"Redmine {key} '{value}' is not a valid date. Use the form yyyy-MM-dd, such as 2026-03-31.");
    }
}
