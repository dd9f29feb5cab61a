using System.Text;
using System.Text.Json;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationPortal.EndToEnd.Tests.Support;

/// <summary>
/// Direct REST calls to the test Redmine, to seed a project and to edit issues the way a person
/// using Redmine would, outside the portal. Reads REDMINE_URL and REDMINE_API_KEY.
/// </summary>
public sealed class RedmineApi : IDisposable
{
    private readonly HttpClient _http;

    public RedmineApi()
    {
        var url = Environment.GetEnvironmentVariable("REDMINE_URL");
        ApiKey = Environment.GetEnvironmentVariable("REDMINE_API_KEY") ?? string.Empty;
        if (string.IsNullOrEmpty(url) || ApiKey.Length == 0)
        {
            throw new InvalidOperationException(
                "REDMINE_URL and REDMINE_API_KEY are not set. Start Redmine with deploy/redmine/redmine.sh start and setup, then eval \"$(deploy/redmine/redmine.sh env)\", or run tests/run.sh.");
        }

        BaseUrl = new Uri(url.TrimEnd('/') + "/");
        _http = new HttpClient { BaseAddress = BaseUrl };
        _http.DefaultRequestHeaders.Add("X-Redmine-API-Key", ApiKey);
    }

    public Uri BaseUrl { get; }

    public string ApiKey { get; }

    public async Task CreateProjectAsync(string identifier, string name)
    {
        var body = new { project = new { identifier, name, is_public = false } };
        using var response = await _http.PostAsync(new Uri("projects.json", UriKind.Relative), Json(body));
        await EnsureSuccessAsync(response, $"create project {identifier}");
    }

    public async Task<int> CreateIssueAsync(string projectIdentifier, string subject, string description)
    {
        var body = new { issue = new { project_id = projectIdentifier, subject, description } };
        using var response = await _http.PostAsync(new Uri("issues.json", UriKind.Relative), Json(body));
        await EnsureSuccessAsync(response, $"create issue '{subject}'");
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        return created!["issue"]!["id"]!.GetValue<int>();
    }

    public async Task UpdateSubjectAsync(int issueId, string subject)
    {
        using var response = await _http.PutAsync(new Uri($"issues/{issueId}.json", UriKind.Relative), Json(new { issue = new { subject } }));
        await EnsureSuccessAsync(response, $"update issue {issueId}");
    }

    public async Task UpdateDescriptionAsync(int issueId, string description)
    {
        using var response = await _http.PutAsync(new Uri($"issues/{issueId}.json", UriKind.Relative), Json(new { issue = new { description } }));
        await EnsureSuccessAsync(response, $"update issue {issueId}");
    }

    public async Task<JsonObject> GetIssueAsync(int issueId)
    {
        var issue = await _http.GetFromJsonAsync<JsonObject>(new Uri($"issues/{issueId}.json", UriKind.Relative));
        return issue!["issue"]!.AsObject();
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Serializes a body with a Content-Length, because Redmine on WEBrick drops chunked request
    /// bodies, which JsonContent would send.
    /// </summary>
    private static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string action)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"Redmine could not {action}: HTTP {(int)response.StatusCode} {text}");
        }
    }
}
