using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationPortal.Connectors.CreateTokens;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Connectors.GitHub;

/// <summary>Converts between GitHub issue JSON and the canonical field values of <see cref="GitHubConnector.StaticFields"/>.</summary>
internal static class GitHubIssueMapper
{
    public const string Title = "title";
    public const string Description = "description";
    public const string Status = "status";
    public const string Labels = "labels";

    public static readonly IReadOnlyList<string> States = ["open", "closed"];

    public static SyncItem ToSyncItem(JsonElement issue)
    {
        var number = issue.GetProperty("number").GetInt64().ToString(CultureInfo.InvariantCulture);
        var updatedAt = DateTimeOffset.Parse(issue.GetProperty("updated_at").GetString()!, CultureInfo.InvariantCulture).ToUniversalTime();

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [Title] = GetString(issue, "title"),
            [Description] = NormalizeDescription(CreateTokenMarker.Strip(GetString(issue, "body"), out var createToken)),
            [Status] = GetString(issue, "state"),
            [Labels] = NormalizeLabels(ReadLabelNames(issue)),
        };

        return new SyncItem(number, updatedAt, fields, GetString(issue, "html_url")) { CreateToken = createToken };
    }

    public static bool IsPullRequest(JsonElement issue) => issue.TryGetProperty("pull_request", out _);

    /// <summary>Reads a GitHub Markdown body as canonical Markdown, or returns null when it is empty.</summary>
    public static string? NormalizeDescription(string? body) => RichTextConverter.ToCanonical(body, RichTextFormat.GitHubMarkdown);

    /// <summary>Joins label names into a canonical labels value (<see cref="LabelSet"/>), or returns null when there are none.</summary>
    public static string? NormalizeLabels(IEnumerable<string> names) => LabelSet.Join(names);

    /// <summary>Splits a canonical labels value ("bug, needs info\, triage") into label names.</summary>
    public static JsonArray SplitLabels(string? labels) =>
        new([.. LabelSet.Split(labels).Distinct(StringComparer.Ordinal).Select(name => (JsonNode?)JsonValue.Create(name))]);

    /// <summary>
    /// Builds the JSON of a create or update request from canonical fields: status becomes state,
    /// description becomes a Markdown body, and labels become an array. Throws for unknown keys and states.
    /// </summary>
    public static JsonObject ToRequestBody(IReadOnlyDictionary<string, string?> fields, string call)
    {
        var body = new JsonObject();
        foreach (var (key, value) in fields)
        {
            switch (key)
            {
                case Title:
                    body["title"] = value;
                    break;
                case Description:
                    body["body"] = RichTextConverter.FromCanonical(value, RichTextFormat.GitHubMarkdown);
                    break;
                case Status:
                    body["state"] = ValidateState(value, call);
                    break;
                case Labels:
                    body["labels"] = SplitLabels(value);
                    break;
                default:
                    throw new ConnectorException(
                        $"GitHub call {call} failed: '{key}' is not a GitHub issue field; use one of {Title}, {Description}, {Status}, {Labels}.");
            }
        }

        return body;
    }

    private static string ValidateState(string? value, string call) =>
        value is not null && States.Contains(value)
            ? value
            : throw new ConnectorException(
                $"GitHub call {call} failed: status '{value}' is invalid, because GitHub issues are 'open' or 'closed'. "
                + $"Add a value map to the flow's status mapping that turns '{value}' into open or closed.");

    private static IEnumerable<string> ReadLabelNames(JsonElement issue)
    {
        if (!issue.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var label in labels.EnumerateArray())
        {
            // GitHub returns label objects; older payloads and some endpoints use plain names.
            var name = label.ValueKind == JsonValueKind.String ? label.GetString() : GetString(label, "name");
            if (name is not null)
            {
                yield return name;
            }
        }
    }

    private static string? GetString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
