using System.Globalization;
using System.Text.Json;

namespace IntegrationPortal.Emulators.GitHub;

/// <summary>
/// Loads the recorded octokit/fixtures data that seeds the emulator (see Fixtures/SOURCES.md): the
/// repository of the paginate-issues recording with its issues, and the recorded 422 error body.
/// </summary>
internal static class FixtureSeed
{
    private static readonly Lazy<(RepositoryRecord Repository, IReadOnlyList<IssueRecord> Issues)> Recording =
        new(LoadPaginateIssues);

    private static readonly Lazy<JsonElement> ValidationError = new(LoadValidationError);

    /// <summary>Returns a fresh copy of the recorded repository with its issues.</summary>
    public static RepositoryRecord CreateRecordedRepository()
    {
        var (template, issues) = Recording.Value;
        var repository = new RepositoryRecord(template.Id, template.FullName);
        repository.Issues.AddRange(issues.Select(issue => issue.Copy()));
        return repository;
    }

    /// <summary>The recorded 422 body: message "Validation Failed", an errors array and documentation_url.</summary>
    public static JsonElement ValidationErrorBody => ValidationError.Value;

    private static (RepositoryRecord, IReadOnlyList<IssueRecord>) LoadPaginateIssues()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FixturePath("paginate-issues.raw.json")));
        RepositoryRecord? repository = null;
        var issues = new SortedDictionary<int, IssueRecord>();

        foreach (var exchange in document.RootElement.EnumerateArray())
        {
            var method = exchange.GetProperty("method").GetString();
            var path = exchange.GetProperty("path").GetString() ?? string.Empty;
            var response = exchange.GetProperty("response");

            if (method == "post" && path.EndsWith("/repos", StringComparison.Ordinal))
            {
                repository = new RepositoryRecord(response.GetProperty("id").GetInt64(), response.GetProperty("full_name").GetString()!);
            }
            else if (method == "get" && path.Contains("/issues", StringComparison.Ordinal) && response.ValueKind == JsonValueKind.Array)
            {
                foreach (var issue in response.EnumerateArray())
                {
                    var record = ReadIssue(issue);
                    issues[record.Number] = record;
                }
            }
        }

        if (repository is null || issues.Count == 0)
        {
            throw new InvalidDataException("The paginate-issues fixture contains no repository creation or no listed issues.");
        }

        return (repository, issues.Values.ToList());
    }

    private static IssueRecord ReadIssue(JsonElement issue) => new()
    {
        Id = issue.GetProperty("id").GetInt64(),
        Number = issue.GetProperty("number").GetInt32(),
        Title = issue.GetProperty("title").GetString()!,
        Body = issue.GetProperty("body").GetString(),
        State = issue.GetProperty("state").GetString()!,
        StateReason = issue.TryGetProperty("state_reason", out var reason) ? reason.GetString() : null,
        Labels = [.. issue.GetProperty("labels").EnumerateArray().Select(label => label.GetProperty("name").GetString()!)],
        Author = issue.GetProperty("user").GetProperty("login").GetString()!,
        CreatedAt = ReadTime(issue.GetProperty("created_at"))!.Value,
        UpdatedAt = ReadTime(issue.GetProperty("updated_at"))!.Value,
        ClosedAt = ReadTime(issue.GetProperty("closed_at")),
        IsPullRequest = issue.TryGetProperty("pull_request", out _),
    };

    private static DateTimeOffset? ReadTime(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime()
            : null;

    private static JsonElement LoadValidationError()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FixturePath("errors.normalized.json")));
        var exchange = document.RootElement.EnumerateArray().First(item => item.GetProperty("status").GetInt32() == 422);
        return exchange.GetProperty("response").Clone();
    }

    private static string FixturePath(string name)
    {
        var directory = Path.GetDirectoryName(typeof(FixtureSeed).Assembly.Location) ?? AppContext.BaseDirectory;
        return Path.Combine(directory, "Fixtures", name);
    }
}
