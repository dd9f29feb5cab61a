using System.Net.Http.Json;
using System.Text.Json;
using IntegrationPortal.Connectors.Redmine;
using IntegrationPortal.Sync.Values;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationPortal.Connectors.Tests.Redmine;

/// <summary>
/// The real Redmine that the tests run against, found through REDMINE_URL and REDMINE_API_KEY.
/// A missing variable fails the test with the commands that start Redmine, so the tests are never
/// skipped silently.
/// </summary>
internal static class RedmineServer
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static readonly JsonSerializerOptions SeedJsonOptions = new(JsonSerializerDefaults.Web);

    public static Uri Url => new(Require("REDMINE_URL"));

    public static string ApiKey => Require("REDMINE_API_KEY");

    public static RedmineConnector CreateConnector(
        string? apiKey = null,
        int pageSize = 100,
        Uri? url = null,
        RichTextFormat textFormat = RichTextFormat.RedmineTextile) =>
        new(Http, url ?? Url, apiKey ?? ApiKey, NullLogger<RedmineConnector>.Instance) { PageSize = pageSize, TextFormat = textFormat };

    /// <summary>Creates a project with a unique identifier and every tracker, and returns the identifier.</summary>
    public static async Task<string> CreateProjectAsync(string namePrefix = "Connector test")
    {
        var identifier = "ipt-" + Guid.NewGuid().ToString("N")[..12];
        using var trackersRequest = NewRequest(HttpMethod.Get, "trackers.json");
        using var trackersResponse = await Http.SendAsync(trackersRequest);
        trackersResponse.EnsureSuccessStatusCode();
        using var trackers = JsonDocument.Parse(await trackersResponse.Content.ReadAsStringAsync());
        var trackerIds = trackers.RootElement.GetProperty("trackers").EnumerateArray()
            .Select(t => t.GetProperty("id").GetInt32())
            .ToArray();

        using var request = NewRequest(HttpMethod.Post, "projects.json");
        request.Content = JsonContent.Create(new
        {
            project = new
            {
                name = $"{namePrefix} {identifier}",
                identifier,
                tracker_ids = trackerIds,
                enabled_module_names = new[] { "issue_tracking" },
            },
        });

        // WEBrick does not read chunked request bodies, so the content is buffered to send a length.
        await request.Content.LoadIntoBufferAsync();
        using var response = await Http.SendAsync(request);
        Assert.True(
            response.IsSuccessStatusCode,
            $"Creating Redmine project {identifier} failed with HTTP {(int)response.StatusCode}: "
            + await response.Content.ReadAsStringAsync());
        return identifier;
    }

    /// <summary>
    /// Creates an active user with the given e-mail address, makes it a Developer of the project so
    /// issues can be assigned to it, and returns its login.
    /// </summary>
    public static async Task<string> CreateAssignableUserAsync(string project, string mail)
    {
        var login = "ipt-user-" + Guid.NewGuid().ToString("N")[..10];
        using var created = await SendJsonAsync(HttpMethod.Post, "users.json", new
        {
            user = new { login, firstname = "Person", lastname = login, mail, password = Guid.NewGuid().ToString("N") },
        });
        var userId = created.RootElement.GetProperty("user").GetProperty("id").GetInt32();

        using var roles = await SendJsonAsync(HttpMethod.Get, "roles.json", body: null);
        var developer = roles.RootElement.GetProperty("roles").EnumerateArray()
            .First(role => role.GetProperty("name").GetString() == "Developer")
            .GetProperty("id").GetInt32();
        using var membership = await SendJsonAsync(
            HttpMethod.Post,
            $"projects/{project}/memberships.json",
            new { membership = new { user_id = userId, role_ids = new[] { developer } } });
        return login;
    }

    private static async Task<JsonDocument> SendJsonAsync(HttpMethod method, string relativeUrl, object? body)
    {
        using var request = NewRequest(method, relativeUrl);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);

            // WEBrick does not read chunked request bodies, so the content is buffered to send a length.
            await request.Content.LoadIntoBufferAsync();
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {relativeUrl} failed with HTTP {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text.Length == 0 ? "{}" : text);
    }

    /// <summary>Reads an issue's description as Redmine stores it, past the connector, with LF line endings (Redmine stores CRLF).</summary>
    public static async Task<string?> ReadStoredDescriptionAsync(string issueId)
    {
        using var request = NewRequest(HttpMethod.Get, $"issues/{issueId}.json");
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var issue = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return issue.RootElement.GetProperty("issue").TryGetProperty("description", out var description)
            ? description.GetString()?.ReplaceLineEndings("\n")
            : null;
    }

    /// <summary>Reads the seed issues that deploy/redmine/redmine.sh seed loads into Redmine.</summary>
    public static IReadOnlyList<SeedIssue> ReadSeedIssues()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var path = Path.Combine(directory.FullName, "deploy", "redmine", "seed", "issues.json");
            if (File.Exists(path))
            {
                var issues = JsonSerializer.Deserialize<List<SeedIssue>>(
                    File.ReadAllText(path),
                    SeedJsonOptions);
                return issues ?? throw new InvalidOperationException($"{path} contains no issues.");
            }

            directory = directory.Parent;
        }

        throw new FileNotFoundException(
            $"deploy/redmine/seed/issues.json was not found above {AppContext.BaseDirectory}.");
    }

    private static HttpRequestMessage NewRequest(HttpMethod method, string relativeUrl)
    {
        var request = new HttpRequestMessage(method, new Uri(Url, relativeUrl));
        request.Headers.Add("X-Redmine-API-Key", ApiKey);
        return request;
    }

    private static string Require(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"{name} is not set, so the Redmine tests cannot run. From the repository root run "
                + "'deploy/redmine/redmine.sh all' and then 'eval \"$(deploy/redmine/redmine.sh env)\"'.");
        }

        return value;
    }
}

/// <summary>One entry of deploy/redmine/seed/issues.json: recorded Jira text with CRLF line endings.</summary>
internal sealed record SeedIssue(string Subject, string? Description);
