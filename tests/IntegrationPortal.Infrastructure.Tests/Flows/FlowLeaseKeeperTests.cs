using IntegrationPortal.Application.Flows.Runs;
using IntegrationPortal.Sync.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationPortal.Infrastructure.Tests.Flows;

/// <summary>
/// The background renewal of a run's lease, on a fake clock: the tests move time forward and wait
/// until the keeper has reacted, so no test depends on how fast the machine is.
/// </summary>
public sealed class FlowLeaseKeeperTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(30);
    private static readonly Guid FlowId = Guid.NewGuid();

    [Fact]
    public async Task Keeper_renews_every_third_of_duration()
    {
        var clock = new FakeTimeProvider();
        var renewals = 0;
        await using var keeper = FlowLeaseKeeper.Start(
            FlowId, _ => Task.FromResult(Interlocked.Increment(ref renewals) > 0), Duration, clock, NullLogger.Instance);

        clock.Advance(TimeSpan.FromMinutes(9));
        await Task.Delay(50);
        var beforeFirstTick = Volatile.Read(ref renewals);
        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => Volatile.Read(ref renewals) >= 1);
        for (var tick = 2; tick <= 3; tick++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            await WaitUntilAsync(() => Volatile.Read(ref renewals) >= tick);
        }

        Assert.Equal(0, beforeFirstTick);
        Assert.Equal(3, Volatile.Read(ref renewals));
        Assert.False(keeper.IsLost);
    }

    [Fact]
    public async Task Keeper_marks_lost_when_another_holds()
    {
        var clock = new FakeTimeProvider();
        await using var keeper = FlowLeaseKeeper.Start(FlowId, _ => Task.FromResult(false), Duration, clock, NullLogger.Instance);

        clock.Advance(TimeSpan.FromMinutes(10));
        await WaitUntilAsync(() => keeper.IsLost);

        Assert.True(keeper.IsLost);
        var exception = Assert.Throws<FlowLeaseLostException>(() => keeper.Progress.Report(new SyncProgress(3, 10)));
        Assert.Equal(FlowId, exception.FlowId);
    }

    [Fact]
    public async Task Keeper_survives_failed_renewal_before_expiry()
    {
        var clock = new FakeTimeProvider();
        var attempts = 0;
        await using var keeper = FlowLeaseKeeper.Start(
            FlowId,
            _ => Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("The database is unreachable.") : Task.FromResult(true),
            Duration,
            clock,
            NullLogger.Instance);

        clock.Advance(TimeSpan.FromMinutes(10));
        await WaitUntilAsync(() => Volatile.Read(ref attempts) >= 1);
        clock.Advance(TimeSpan.FromMinutes(10));
        await WaitUntilAsync(() => Volatile.Read(ref attempts) >= 2);

        Assert.False(keeper.IsLost);
    }

    [Fact]
    public async Task Keeper_marks_lost_when_renewals_fail_until_expiry()
    {
        var clock = new FakeTimeProvider();
        var attempts = 0;
        await using var keeper = FlowLeaseKeeper.Start(
            FlowId,
            _ =>
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("The database is unreachable.");
            },
            Duration,
            clock,
            NullLogger.Instance);

        for (var tick = 1; tick <= 2; tick++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            await WaitUntilAsync(() => Volatile.Read(ref attempts) >= tick);
        }

        var lostBeforeExpiry = keeper.IsLost;
        clock.Advance(TimeSpan.FromMinutes(10));
        await WaitUntilAsync(() => keeper.IsLost);

        Assert.False(lostBeforeExpiry);
        Assert.True(keeper.IsLost);
    }

    [Fact]
    public async Task Progress_records_latest_report()
    {
        await using var keeper = FlowLeaseKeeper.Start(FlowId, _ => Task.FromResult(true), Duration, new FakeTimeProvider(), NullLogger.Instance);

        keeper.Progress.Report(new SyncProgress(4, 9));

        Assert.Equal(new SyncProgress(4, 9), keeper.LastProgress);
    }

    // The keeper reacts on thread-pool continuations after the fake clock fires its timer.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
