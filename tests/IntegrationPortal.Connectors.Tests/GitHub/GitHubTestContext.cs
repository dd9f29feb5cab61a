using IntegrationPortal.Connectors.Http;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Sync.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Connectors.Tests.GitHub;

/// <summary>
/// An in-process emulator plus a connector built the way the portal builds it: through
/// <see cref="ServiceCollectionExtensions.AddConnectors"/> and <see cref="IConnectorFactory"/>,
/// with retry waits skipped by <see cref="SkippedDelayTimeProvider"/>.
/// </summary>
public sealed class GitHubTestContext : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private GitHubTestContext(GitHubEmulator emulator, ServiceProvider services, SkippedDelayTimeProvider clock)
    {
        Emulator = emulator;
        _services = services;
        Clock = clock;
    }

    public GitHubEmulator Emulator { get; }

    public SkippedDelayTimeProvider Clock { get; }

    public static async Task<GitHubTestContext> StartAsync(GitHubEmulatorOptions? options = null, Action<RateBudgetOptions>? budget = null)
    {
        var emulator = await GitHubEmulator.StartAsync(options);
        var services = new ServiceCollection();
        services.AddConnectors();
        var clock = new SkippedDelayTimeProvider();
        services.Configure<ConnectorResilienceOptions>(resilience =>
        {
            resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            resilience.TimeProvider = clock;
        });
        if (budget is not null)
        {
            services.Configure(budget);
        }

        return new GitHubTestContext(emulator, services.BuildServiceProvider(), clock);
    }

    public IConnector CreateConnector(string token = GitHubEmulator.DefaultToken, string? rateBudgetKey = null) =>
        _services.GetRequiredService<IConnectorFactory>().Create(ToolKeys.GitHub, Emulator.BaseUrl, token, rateBudgetKey);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
