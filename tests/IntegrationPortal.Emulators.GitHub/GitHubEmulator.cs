using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IntegrationPortal.Emulators.GitHub;

/// <summary>
/// An in-process emulator of GitHub's REST issues API on 127.0.0.1, seeded with the issues of a
/// recorded octokit/fixtures scenario and an empty repository "acme/engineering".
/// </summary>
public sealed class GitHubEmulator : IAsyncDisposable
{
    /// <summary>The token the emulator accepts unless <see cref="GitHubEmulatorOptions.Tokens"/> replaces it.</summary>
    public const string DefaultToken = "emulator-token";

    /// <summary>The seeded repository that starts without issues.</summary>
    public const string EmptyRepository = GitHubEmulatorStore.SeedEmptyRepository;

    /// <summary>The seeded repository of the recording, with issues 1 to 13.</summary>
    public const string RecordedRepository = "octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe";

    private readonly WebApplication _app;
    private readonly GitHubEmulatorStore _store;

    private GitHubEmulator(WebApplication app, GitHubEmulatorStore store, Uri baseUrl)
    {
        _app = app;
        _store = store;
        BaseUrl = baseUrl;
    }

    /// <summary>The API root, such as http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Number of API requests received since start or <see cref="Reset"/>, faulted ones included.</summary>
    public int RequestCount => _store.RequestCount;

    /// <summary>Starts Kestrel on 127.0.0.1 with a free port.</summary>
    public static async Task<GitHubEmulator> StartAsync(GitHubEmulatorOptions? options = null)
    {
        var store = new GitHubEmulatorStore(options ?? new GitHubEmulatorOptions());
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var app = builder.Build();
        app.MapGitHubEmulator(store);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GitHubEmulator(app, store, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Adds an empty repository named "owner/repo"; throws <see cref="ArgumentException"/> when it exists.</summary>
    public void CreateRepository(string fullName) => _store.CreateRepository(fullName);

    /// <summary>
    /// Deletes an issue as a repository admin can in the web interface, so later requests for it
    /// return 404; returns false when the issue did not exist.
    /// </summary>
    public bool DeleteIssue(string fullName, int number) => _store.DeleteIssue(fullName, number);

    /// <summary>Adds an open pull request, which the issues endpoints list with a "pull_request" key, and returns its number.</summary>
    public int AddPullRequest(string fullName, string title) => _store.AddPullRequest(fullName, title);

    /// <summary>
    /// Fails the next <paramref name="count"/> API requests with <paramref name="statusCode"/>. A
    /// <paramref name="retryAfter"/> is sent as <c>Retry-After</c> in whole seconds, rounded up. With
    /// <paramref name="rateLimitExhausted"/>, the responses carry <c>x-ratelimit-remaining: 0</c> and a
    /// reset <paramref name="retryAfter"/> from now (one hour when null) instead of <c>Retry-After</c>.
    /// </summary>
    public void InjectFaults(int count, int statusCode, TimeSpan? retryAfter = null, bool rateLimitExhausted = false) =>
        _store.InjectFaults(count, statusCode, retryAfter, rateLimitExhausted);

    /// <summary>Restores the seeded repositories and clears faults and the request count.</summary>
    public void Reset() => _store.Reset();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
