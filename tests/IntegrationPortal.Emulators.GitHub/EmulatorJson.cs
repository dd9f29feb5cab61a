using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationPortal.Emulators.GitHub;

/// <summary>Renders repositories and issues in the shape of GitHub's REST API (the subset connectors read).</summary>
internal static class EmulatorJson
{
    public const string DocumentationUrl = "https://docs.github.com/rest";

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static JsonObject Error(string message, string documentationUrl = DocumentationUrl) => new()
    {
        ["message"] = message,
        ["documentation_url"] = documentationUrl,
    };

    public static JsonObject User(string login) => new()
    {
        ["login"] = login,
        ["id"] = 1,
        ["type"] = "User",
        ["name"] = login,
    };

    public static JsonObject Repository(RepositoryRecord repository, string apiBase)
    {
        var owner = repository.FullName.Split('/')[0];
        return new JsonObject
        {
            ["id"] = repository.Id,
            ["name"] = repository.FullName.Split('/')[1],
            ["full_name"] = repository.FullName,
            ["private"] = false,
            ["owner"] = new JsonObject { ["login"] = owner, ["type"] = "Organization" },
            ["html_url"] = $"{apiBase}/{repository.FullName}",
            ["url"] = $"{apiBase}/repos/{repository.FullName}",
            ["has_issues"] = true,
            ["open_issues_count"] = repository.Issues.Count(issue => issue.State == "open"),
        };
    }

    public static JsonObject Issue(RepositoryRecord repository, IssueRecord issue, string apiBase)
    {
        var repositoryUrl = $"{apiBase}/repos/{repository.FullName}";
        var url = $"{repositoryUrl}/issues/{issue.Number}";
        var json = new JsonObject
        {
            ["url"] = url,
            ["repository_url"] = repositoryUrl,
            ["html_url"] = $"{apiBase}/{repository.FullName}/{(issue.IsPullRequest ? "pull" : "issues")}/{issue.Number}",
            ["id"] = issue.Id,
            ["number"] = issue.Number,
            ["title"] = issue.Title,
            ["user"] = new JsonObject { ["login"] = issue.Author, ["type"] = "User" },
            ["labels"] = new JsonArray([.. issue.Labels.Select(name => (JsonNode)Label(repositoryUrl, name))]),
            ["state"] = issue.State,
            ["state_reason"] = issue.StateReason,
            ["locked"] = false,
            ["assignee"] = null,
            ["assignees"] = new JsonArray(),
            ["milestone"] = null,
            ["comments"] = 0,
            ["created_at"] = FormatTime(issue.CreatedAt),
            ["updated_at"] = FormatTime(issue.UpdatedAt),
            ["closed_at"] = issue.ClosedAt is { } closedAt ? FormatTime(closedAt) : null,
            ["author_association"] = "OWNER",
            ["body"] = issue.Body,
        };

        if (issue.IsPullRequest)
        {
            json["pull_request"] = new JsonObject
            {
                ["url"] = $"{repositoryUrl}/pulls/{issue.Number}",
                ["html_url"] = $"{apiBase}/{repository.FullName}/pull/{issue.Number}",
                ["merged_at"] = null,
            };
        }

        return json;
    }

    private static JsonObject Label(string repositoryUrl, string name) => new()
    {
        ["name"] = name,
        ["url"] = $"{repositoryUrl}/labels/{Uri.EscapeDataString(name)}",
        ["color"] = "ededed",
        ["default"] = false,
        ["description"] = null,
    };
}
