using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationPortal.Emulators.GitHub;

namespace IntegrationPortal.EndToEnd.Tests.Support;

/// <summary>
/// The GitHub emulator with an empty repository for the journey, and the REST calls a person
/// editing issues on GitHub would make.
/// </summary>
public sealed class GitHubSide : IAsyncDisposable
{
    public const string Token = GitHubEmulator.DefaultToken;
    public const string Repository = "acme/engineering";

    private readonly GitHubEmulator _emulator;
    private readonly HttpClient _http;

    private GitHubSide(GitHubEmulator emulator)
    {
        _emulator = emulator;
        _http = new HttpClient { BaseAddress = emulator.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("IntegrationPortal-EndToEnd");
    }

    public Uri BaseUrl => _emulator.BaseUrl;

    public static async Task<GitHubSide> StartAsync() => new(await GitHubEmulator.StartAsync());

    public async Task<IReadOnlyList<GitHubIssue>> ListIssuesAsync()
    {
        var issues = await _http.GetFromJsonAsync<JsonArray>(new Uri($"repos/{Repository}/issues?state=all&per_page=100", UriKind.Relative));
        return [.. issues!.Select(i => ToIssue(i!.AsObject()))];
    }

    public async Task<GitHubIssue> GetIssueAsync(int number)
    {
        var issue = await _http.GetFromJsonAsync<JsonObject>(new Uri($"repos/{Repository}/issues/{number}", UriKind.Relative));
        return ToIssue(issue!);
    }

    public async Task UpdateIssueAsync(int number, string title, string state)
    {
        using var response = await _http.PatchAsJsonAsync(new Uri($"repos/{Repository}/issues/{number}", UriKind.Relative), new { title, state });
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    private static GitHubIssue ToIssue(JsonObject issue) =>
        new(
            (int)issue["number"]!,
            (string)issue["title"]!,
            (string)issue["state"]!,
            (string?)issue["body"],
            [.. issue["labels"]!.AsArray().Select(label => (string)label!["name"]!)]);
}

public sealed record GitHubIssue(int Number, string Title, string State, string? Body, IReadOnlyList<string> Labels);
