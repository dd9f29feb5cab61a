using System.Globalization;
using IntegrationPortal.Connectors.CreateTokens;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Connectors.Redmine;

/// <summary>Converts Redmine issues to canonical field values.</summary>
internal static class RedmineIssueMapper
{
    public const string TitleKey = "title";
    public const string DescriptionKey = "description";
    public const string StatusKey = "status";
    public const string TrackerKey = "tracker";
    public const string PriorityKey = "priority";

    public static SyncItem ToSyncItem(RedmineIssue issue, string baseUrl)
    {
        var id = issue.Id.ToString(CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [TitleKey] = issue.Subject,
            [DescriptionKey] = NormalizeDescription(CreateTokenMarker.Strip(issue.Description, out var createToken)),
            [StatusKey] = issue.Status?.Name,
            [TrackerKey] = issue.Tracker?.Name,
            [PriorityKey] = issue.Priority?.Name,
        };
        return new SyncItem(id, issue.UpdatedOn.ToUniversalTime(), fields, $"{baseUrl}/issues/{id}") { CreateToken = createToken };
    }

    /// <summary>
    /// Returns the description as stored, with CRLF line endings turned into LF and trailing
    /// whitespace of the whole value removed, or null when nothing is left. Redmine returns
    /// descriptions entered in its web form with CRLF endings.
    /// </summary>
    public static string? NormalizeDescription(string? description)
    {
        if (description is null)
        {
            return null;
        }

        var normalized = description.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        return normalized.Length == 0 ? null : normalized;
    }
}
