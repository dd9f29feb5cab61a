using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IntegrationPortal.Emulators.GitHub;

namespace IntegrationPortal.Connectors.Tests.GitHub;

/// <summary>Checks the emulator's HTTP behaviour directly, without the connector.</summary>
public sealed class GitHubEmulatorTests
{
    private const string Recorded = GitHubEmulator.RecordedRepository;

    [Fact]
    public async Task Issues_state_defaults_to_open()
    {
        await using var emulator = await GitHubEmulator.StartAsync();
        using var http = CreateClient(emulator);
        using var close = await http.PatchAsync($"repos/{Recorded}/issues/1", Json("""{"state":"closed"}"""));
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);

        var open = await ReadArrayAsync(http, $"repos/{Recorded}/issues");
        var all = await ReadArrayAsync(http, $"repos/{Recorded}/issues?state=all");

        Assert.Equal(12, open.GetArrayLength());
        Assert.All(open.EnumerateArray(), issue => Assert.Equal("open", issue.GetProperty("state").GetString()));
        Assert.Equal(13, all.GetArrayLength());
    }

    [Fact]
    public async Task Issues_are_created_desc_by_default()
    {
        await using var emulator = await GitHubEmulator.StartAsync();
        using var http = CreateClient(emulator);

        var page = await ReadArrayAsync(http, $"repos/{Recorded}/issues?per_page=3");

        Assert.Equal([13, 12, 11], page.EnumerateArray().Select(issue => issue.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task PerPage_is_capped_at_max()
    {
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { MaxPerPage = 5 });
        using var http = CreateClient(emulator);

        var page = await ReadArrayAsync(http, $"repos/{Recorded}/issues?per_page=50");
        var defaultPage = await ReadArrayAsync(http, $"repos/{Recorded}/issues");

        Assert.Equal(5, page.GetArrayLength());
        Assert.Equal(5, defaultPage.GetArrayLength());
    }

    [Fact]
    public async Task PerPage_above_100_returns_100()
    {
        await using var emulator = await GitHubEmulator.StartAsync();
        emulator.CreateRepository("acme/many");
        using var http = CreateClient(emulator);
        for (var i = 0; i < 101; i++)
        {
            using var created = await http.PostAsync("repos/acme/many/issues", Json($$"""{"title":"Issue {{i}}"}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var page = await ReadArrayAsync(http, "repos/acme/many/issues?per_page=500");

        Assert.Equal(100, page.GetArrayLength());
    }

    [Fact]
    public async Task Link_header_matches_recorded_format()
    {
        await using var emulator = await GitHubEmulator.StartAsync();
        using var http = CreateClient(emulator);
        var issues = $"{emulator.BaseUrl}repos/{Recorded}/issues";

        using var first = await http.GetAsync($"repos/{Recorded}/issues?per_page=3");
        using var middle = await http.GetAsync($"repos/{Recorded}/issues?per_page=3&page=2");
        using var last = await http.GetAsync($"repos/{Recorded}/issues?per_page=3&page=5");

        Assert.Equal(
            $"<{issues}?per_page=3&page=2>; rel=\"next\", <{issues}?per_page=3&page=5>; rel=\"last\"",
            LinkOf(first));
        Assert.Equal(
            $"<{issues}?per_page=3&page=1>; rel=\"prev\", <{issues}?per_page=3&page=3>; rel=\"next\", " +
            $"<{issues}?per_page=3&page=5>; rel=\"last\", <{issues}?per_page=3&page=1>; rel=\"first\"",
            LinkOf(middle));
        Assert.Equal(
            $"<{issues}?per_page=3&page=4>; rel=\"prev\", <{issues}?per_page=3&page=1>; rel=\"first\"",
            LinkOf(last));
    }

    [Fact]
    public async Task Create_without_title_returns_recorded_422_body()
    {
        await using var emulator = await GitHubEmulator.StartAsync();
        using var http = CreateClient(emulator);

        using var response = await http.PostAsync($"repos/{GitHubEmulator.EmptyRepository}/issues", Json("""{"body":"no title"}"""));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Validation Failed", body.RootElement.GetProperty("message").GetString());
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal("Issue", error.GetProperty("resource").GetString());
        Assert.Equal("missing_field", error.GetProperty("code").GetString());
        Assert.Equal("title", error.GetProperty("field").GetString());
        Assert.StartsWith("https://docs.github.com/", body.RootElement.GetProperty("documentation_url").GetString());
    }

    [Fact]
    public async Task Unknown_token_returns_401_with_rate_headers()
    {
        await using var emulator = await GitHubEmulator.StartAsync();
        using var http = CreateClient(emulator, "not-a-token");

        using var response = await http.GetAsync("user");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bad credentials", body.RootElement.GetProperty("message").GetString());
        Assert.Equal("5000", response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("4999", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("1", response.Headers.GetValues("X-RateLimit-Used").Single());
        Assert.Equal("core", response.Headers.GetValues("X-RateLimit-Resource").Single());
        Assert.True(long.TryParse(response.Headers.GetValues("X-RateLimit-Reset").Single(), out _));
    }

    [Fact]
    public async Task Unknown_issue_returns_404()
    {
        await using var emulator = await GitHubEmulator.StartAsync();
        using var http = CreateClient(emulator);

        using var response = await http.GetAsync($"repos/{Recorded}/issues/404");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Write_sets_whole_second_updated_at()
    {
        await using var emulator = await GitHubEmulator.StartAsync();
        using var http = CreateClient(emulator);

        using var response = await http.PatchAsync($"repos/{Recorded}/issues/2", Json("""{"title":"Renamed"}"""));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var updatedAt = body.RootElement.GetProperty("updated_at").GetString()!;

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", updatedAt);
        Assert.True(DateTimeOffset.Parse(updatedAt) > new DateTimeOffset(2022, 7, 19, 4, 38, 43, TimeSpan.Zero));
        Assert.Equal("Renamed", body.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Control_endpoints_create_repo_and_reset()
    {
        await using var emulator = await GitHubEmulator.StartAsync();
        using var http = CreateClient(emulator);

        using var created = await http.PostAsync("_emulator/repos", Json("""{"full_name":"acme/demo"}"""));
        using var faults = await http.PostAsync("_emulator/faults", Json("""{"count":1,"status_code":503,"retry_after_seconds":2}"""));
        using var faulted = await http.GetAsync("repos/acme/demo/issues");
        using var reset = await http.PostAsync("_emulator/reset", null);
        using var afterReset = await http.GetAsync("repos/acme/demo/issues");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, faults.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), faulted.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterReset.StatusCode);
        Assert.Equal(1, emulator.RequestCount);
    }

    private static HttpClient CreateClient(GitHubEmulator emulator, string token = GitHubEmulator.DefaultToken)
    {
        var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string LinkOf(HttpResponseMessage response) => response.Headers.GetValues("Link").Single();

    private static async Task<JsonElement> ReadArrayAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
