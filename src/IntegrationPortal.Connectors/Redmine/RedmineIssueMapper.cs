using System.Globalization;
using IntegrationPortal.Connectors.CreateTokens;
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
    public const string AssigneeKey = "assignee";

    /// <param name="issue">The issue as Redmine returned it.</param>
    /// <param name="baseUrl">The Redmine root, for the issue's web link.</param>
    /// <param name="textFormat">The instance's text formatting.</param>
    /// <param name="users">The canonical user value of every assignee id, as <see cref="ToUserValue"/> builds it.</param>
    public static SyncItem ToSyncItem(RedmineIssue issue, string baseUrl, RichTextFormat textFormat, IReadOnlyDictionary<int, string> users)
    {
        var id = issue.Id.ToString(CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [TitleKey] = issue.Subject,
            [DescriptionKey] = RichTextConverter.ToCanonical(CreateTokenMarker.Strip(issue.Description, out var createToken), textFormat),
            [StatusKey] = issue.Status?.Name,
            [TrackerKey] = issue.Tracker?.Name,
            [PriorityKey] = issue.Priority?.Name,
            [StartDateKey] = issue.StartDate,
            [DueDateKey] = issue.DueDate,
            [AssigneeKey] = issue.AssignedTo is { } assignee ? users[assignee.Id] : null,
        };
        return new SyncItem(id, issue.UpdatedOn.ToUniversalTime(), fields, $"{baseUrl}/issues/{id}") { CreateToken = createToken };
    }

    /// <summary>
    /// Writes a canonical description in the instance's markup. Redmine clears the description when
    /// it receives an empty string, so an empty value becomes one.
    /// </summary>
    public static string ToDescription(string? canonical, RichTextFormat textFormat) =>
        RichTextConverter.FromCanonical(canonical, textFormat) ?? string.Empty;

    /// <summary>
    /// Returns the canonical value of an assignee: the user's e-mail address in lower case, or an
    /// unmapped user when Redmine did not return the address. That happens for a user who hides it
    /// from an API key without administrator rights, and for a group, which has none.
    /// </summary>
    public static string ToUserValue(RedmineNamedRef assignee, RedmineUser? user) =>
        string.IsNullOrWhiteSpace(user?.Mail)
            ? UserValues.Unmapped("Redmine", user?.Login ?? assignee.Name)
            : UserValues.Normalize(user.Mail);

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
