using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Connectors.Tests.GitHub;

/// <summary>
/// Retries and rate limits against injected emulator faults. Waits are skipped by the test clock, so
/// the tests check request counts and the waits the retry strategy requested, not elapsed time.
/// </summary>
public sealed class GitHubResilienceTests
{
    private const string Recorded = GitHubEmulator.RecordedRepository;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RetryAfter_zero_429_is_retried()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(1, 429, TimeSpan.Zero);

        var item = await context.CreateConnector().GetAsync(Recorded, "1", None);

        Assert.NotNull(item);
        Assert.Equal(2, context.Emulator.RequestCount);
        var delay = Assert.Single(context.Clock.RequestedDelays, delay => delay < TimeSpan.FromSeconds(30));
        Assert.True(delay < TimeSpan.FromSeconds(1), $"Retry-After: 0 should retry soon, but the wait was {delay}.");
    }

    [Fact]
    public async Task Secondary_limit_403_waits_retry_after()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(1, 403, TimeSpan.FromSeconds(7));

        var item = await context.CreateConnector().GetAsync(Recorded, "1", None);

        Assert.NotNull(item);
        Assert.Equal(2, context.Emulator.RequestCount);
        Assert.Contains(context.Clock.RequestedDelays, delay => delay >= TimeSpan.FromSeconds(7) && delay <= TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task RetryAfter_five_waits_at_least_five_seconds()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(1, 429, TimeSpan.FromSeconds(5));

        var item = await context.CreateConnector().GetAsync(Recorded, "1", None);

        Assert.NotNull(item);
        Assert.Equal(2, context.Emulator.RequestCount);
        var delay = Assert.Single(context.Clock.RequestedDelays, delay => delay < TimeSpan.FromSeconds(30));
        Assert.True(delay >= TimeSpan.FromSeconds(5), $"Retry-After: 5 is a minimum, but the wait was {delay}.");
    }

    [Fact]
    public async Task Secondary_limit_message_waits_a_minute()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(1, 403);

        var item = await context.CreateConnector().GetAsync(Recorded, "1", None);

        Assert.NotNull(item);
        Assert.Equal(2, context.Emulator.RequestCount);
        Assert.Contains(context.Clock.RequestedDelays, delay => delay >= TimeSpan.FromMinutes(1) && delay < TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Secondary_limit_every_attempt_throws_throttled()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(10, 403);

        var exception = await Assert.ThrowsAsync<ConnectorThrottledException>(() => context.CreateConnector().GetAsync(Recorded, "1", None));

        Assert.Equal(403, exception.StatusCode);
        Assert.Equal(4, context.Emulator.RequestCount);
        Assert.True(exception.RetryAt > DateTimeOffset.UtcNow.AddSeconds(50), $"The follow-up time {exception.RetryAt:O} is less than a minute away.");
    }

    [Fact]
    public async Task Primary_limit_waits_until_reset()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(1, 403, TimeSpan.FromSeconds(20), rateLimitExhausted: true);

        var items = await context.CreateConnector().ReadChangedAsync(Recorded, null, None);

        Assert.Equal(13, items.Count);
        Assert.Equal(2, context.Emulator.RequestCount);
        Assert.Contains(context.Clock.RequestedDelays, delay => delay >= TimeSpan.FromSeconds(18) && delay <= TimeSpan.FromSeconds(21));
    }

    [Fact]
    public async Task Server_error_500_is_retried()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(2, 500);

        var items = await context.CreateConnector().ReadChangedAsync(Recorded, null, None);

        Assert.Equal(13, items.Count);
        Assert.Equal(3, context.Emulator.RequestCount);
    }

    [Fact]
    public async Task Server_error_after_max_attempts_throws()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(10, 502);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => context.CreateConnector().GetAsync(Recorded, "1", None));

        Assert.Equal(502, exception.StatusCode);
        Assert.Equal(4, context.Emulator.RequestCount);
    }

    [Fact]
    public async Task Create_is_not_retried_after_500()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(1, 500);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => context.CreateConnector()
            .CreateAsync(GitHubEmulator.EmptyRepository, new Dictionary<string, string?> { ["title"] = "Once" }, createToken: null, None));

        Assert.Equal(500, exception.StatusCode);
        Assert.Equal(1, context.Emulator.RequestCount);
    }

    [Fact]
    public async Task Create_is_retried_after_429()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(1, 429, TimeSpan.FromSeconds(1));

        var created = await context.CreateConnector()
            .CreateAsync(GitHubEmulator.EmptyRepository, new Dictionary<string, string?> { ["title"] = "After limit" }, createToken: null, None);

        Assert.Equal("1", created.Id);
        Assert.Equal(2, context.Emulator.RequestCount);
    }

    [Fact]
    public async Task Reset_beyond_max_wait_throws_without_retry()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(1, 403, TimeSpan.FromHours(1), rateLimitExhausted: true);

        var exception = await Assert.ThrowsAsync<ConnectorThrottledException>(() => context.CreateConnector().ReadChangedAsync(Recorded, null, None));

        Assert.Equal(403, exception.StatusCode);
        Assert.Equal(1, context.Emulator.RequestCount);
        Assert.InRange(exception.RetryAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));
        Assert.Contains("rate-limiting", exception.Message);
        Assert.Contains("Try again after", exception.Message);
        Assert.Contains(" UTC", exception.Message);
    }

    [Fact]
    public async Task RetryAfter_beyond_max_wait_throws_without_retry()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(1, 429, TimeSpan.FromSeconds(120));

        var exception = await Assert.ThrowsAsync<ConnectorThrottledException>(() => context.CreateConnector().GetAsync(Recorded, "1", None));

        Assert.Equal(429, exception.StatusCode);
        Assert.Equal(1, context.Emulator.RequestCount);
        Assert.Contains("rate-limiting", exception.Message);
    }

    [Fact]
    public async Task Rate_limit_after_max_attempts_throws()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.InjectFaults(10, 429, TimeSpan.FromSeconds(2));

        var exception = await Assert.ThrowsAsync<ConnectorThrottledException>(() => context.CreateConnector().GetAsync(Recorded, "1", None));

        Assert.Equal(429, exception.StatusCode);
        Assert.Equal(4, context.Emulator.RequestCount);
        Assert.Contains("rate-limiting", exception.Message);
    }

    [Fact]
    public async Task Token_never_appears_in_exceptions()
    {
        const string secret = "ghp_SecretTokenValue0123456789";
        await using var context = await GitHubTestContext.StartAsync(new GitHubEmulatorOptions { Tokens = [secret] });
        var connector = context.CreateConnector(secret);
        var badConnector = context.CreateConnector(secret + "x");
        var calls = new List<Func<Task>>
        {
            () => badConnector.ListContainersAsync(None),
            () => connector.ReadChangedAsync("acme/missing", null, None),
            () => connector.CreateAsync(GitHubEmulator.EmptyRepository, new Dictionary<string, string?> { ["labels"] = "x" }, createToken: null, None),
            () => connector.UpdateAsync(Recorded, "1", new Dictionary<string, string?> { ["status"] = "archived" }, expectedVersion: null, None),
            () =>
            {
                context.Emulator.InjectFaults(1, 403, TimeSpan.FromHours(1), rateLimitExhausted: true);
                return connector.GetAsync(Recorded, "1", None);
            },
            () =>
            {
                context.Emulator.InjectFaults(10, 500);
                return connector.GetAsync(Recorded, "1", None);
            },
        };

        foreach (var call in calls)
        {
            var exception = await Assert.ThrowsAnyAsync<ConnectorException>(call);
            Assert.DoesNotContain(secret, exception.ToString());
        }

        var result = await badConnector.TestAsync(None);
        Assert.DoesNotContain(secret, result.Message);
    }
}
