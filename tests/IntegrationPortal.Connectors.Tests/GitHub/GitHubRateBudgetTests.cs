using IntegrationPortal.Connectors.Http;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Connectors.Tests.GitHub;

/// <summary>
/// The per-connection rate budget in the connector pipeline. Budget waits are skipped by the test
/// clock, so the tests check the waits requested and the requests that reached the emulator. The
/// clock reads the system time, so the budgets refill slowly enough (one call per ten seconds)
/// that the milliseconds a test takes barely shorten a wait.
/// </summary>
public sealed class GitHubRateBudgetTests
{
    private const string Recorded = GitHubEmulator.RecordedRepository;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Budget_is_shared_by_connectors_of_one_connection()
    {
        await using var context = await GitHubTestContext.StartAsync(budget: OnePerTenSeconds(burst: 2));
        var first = context.CreateConnector(rateBudgetKey: "connection-1");
        var second = context.CreateConnector(rateBudgetKey: "connection-1");

        await first.GetAsync(Recorded, "1", None);
        await second.GetAsync(Recorded, "1", None);
        await first.GetAsync(Recorded, "1", None);
        await second.GetAsync(Recorded, "1", None);

        var waits = context.Clock.RequestedDelays.Where(delay => delay < TimeSpan.FromSeconds(30)).ToList();
        Assert.Equal(4, context.Emulator.RequestCount);
        Assert.Equal(2, waits.Count);
        Assert.InRange(waits[0], TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        Assert.InRange(waits[1], TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Budgets_of_two_connections_are_separate()
    {
        await using var context = await GitHubTestContext.StartAsync(budget: OnePerTenSeconds(burst: 2));
        var first = context.CreateConnector(rateBudgetKey: "connection-1");
        var second = context.CreateConnector(rateBudgetKey: "connection-2");

        await first.GetAsync(Recorded, "1", None);
        await first.GetAsync(Recorded, "1", None);
        await second.GetAsync(Recorded, "1", None);
        await second.GetAsync(Recorded, "1", None);

        Assert.Equal(4, context.Emulator.RequestCount);
        Assert.DoesNotContain(context.Clock.RequestedDelays, delay => delay < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Spent_budget_throws_throttled_without_sending()
    {
        await using var context = await GitHubTestContext.StartAsync(budget: options =>
        {
            options.Tools["github"] = new() { CallsPerHour = 60, Burst = 1 };
            options.MaxWait = TimeSpan.FromSeconds(10);
        });
        var connector = context.CreateConnector(rateBudgetKey: "connection-1");
        await connector.GetAsync(Recorded, "1", None);

        var exception = await Assert.ThrowsAsync<ConnectorThrottledException>(() => connector.GetAsync(Recorded, "1", None));

        Assert.Equal(1, context.Emulator.RequestCount);
        Assert.InRange(exception.RetryAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
        Assert.Contains("CallsPerHour", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connector_without_key_is_not_budgeted()
    {
        await using var context = await GitHubTestContext.StartAsync(budget: OnePerTenSeconds(burst: 1));
        var connector = context.CreateConnector();

        for (var i = 0; i < 3; i++)
        {
            await connector.GetAsync(Recorded, "1", None);
        }

        Assert.Equal(3, context.Emulator.RequestCount);
        Assert.DoesNotContain(context.Clock.RequestedDelays, delay => delay < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Retries_spend_the_budget()
    {
        await using var context = await GitHubTestContext.StartAsync(budget: OnePerTenSeconds(burst: 1));
        context.Emulator.InjectFaults(1, 500);

        await context.CreateConnector(rateBudgetKey: "connection-1").GetAsync(Recorded, "1", None);

        Assert.Equal(2, context.Emulator.RequestCount);
        Assert.Contains(context.Clock.RequestedDelays, delay => delay > TimeSpan.FromSeconds(5) && delay <= TimeSpan.FromSeconds(10));
    }

    private static Action<RateBudgetOptions> OnePerTenSeconds(int burst) =>
        options => options.Tools["github"] = new() { CallsPerHour = 360, Burst = burst };
}
