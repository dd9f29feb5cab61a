using IntegrationPortal.Connectors.Http;

namespace IntegrationPortal.Connectors.Tests.Http;

public sealed class ConnectionRateBudgetTests
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    [Fact]
    public void Reserve_within_burst_does_not_wait()
    {
        var budget = new ConnectionRateBudget(new RateBudgetLimit { CallsPerHour = 3600, Burst = 3 }, new SteppedClock());

        var waits = Enumerable.Range(0, 3).Select(_ => budget.Reserve(MaxWait)).ToList();

        Assert.All(waits, reservation => Assert.True(reservation.Granted));
        Assert.All(waits, reservation => Assert.Equal(TimeSpan.Zero, reservation.Wait));
    }

    [Fact]
    public void Reserve_beyond_burst_queues_calls()
    {
        var budget = new ConnectionRateBudget(new RateBudgetLimit { CallsPerHour = 3600, Burst = 1 }, new SteppedClock());
        budget.Reserve(MaxWait);

        var second = budget.Reserve(MaxWait);
        var third = budget.Reserve(MaxWait);

        Assert.Equal(TimeSpan.FromSeconds(1), second.Wait);
        Assert.Equal(TimeSpan.FromSeconds(2), third.Wait);
    }

    [Fact]
    public void Reserve_refills_with_time()
    {
        var clock = new SteppedClock();
        var budget = new ConnectionRateBudget(new RateBudgetLimit { CallsPerHour = 3600, Burst = 2 }, clock);
        budget.Reserve(MaxWait);
        budget.Reserve(MaxWait);

        clock.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = budget.Reserve(MaxWait);
        var next = budget.Reserve(MaxWait);

        Assert.Equal(TimeSpan.Zero, afterOneSecond.Wait);
        Assert.Equal(TimeSpan.FromSeconds(1), next.Wait);
    }

    [Fact]
    public void Reserve_refills_no_more_than_burst()
    {
        var clock = new SteppedClock();
        var budget = new ConnectionRateBudget(new RateBudgetLimit { CallsPerHour = 3600, Burst = 2 }, clock);

        clock.Advance(TimeSpan.FromHours(1));
        var reservations = Enumerable.Range(0, 3).Select(_ => budget.Reserve(MaxWait)).ToList();

        Assert.Equal(TimeSpan.Zero, reservations[1].Wait);
        Assert.Equal(TimeSpan.FromSeconds(1), reservations[2].Wait);
    }

    [Fact]
    public void Reserve_beyond_max_wait_takes_nothing()
    {
        var clock = new SteppedClock();
        var budget = new ConnectionRateBudget(new RateBudgetLimit { CallsPerHour = 60, Burst = 1 }, clock);
        budget.Reserve(MaxWait);

        var refused = budget.Reserve(MaxWait);
        clock.Advance(TimeSpan.FromMinutes(1));
        var later = budget.Reserve(MaxWait);

        Assert.False(refused.Granted);
        Assert.Equal(clock.Start + TimeSpan.FromMinutes(1), refused.AllowedAt);
        Assert.True(later.Granted);
        Assert.Equal(TimeSpan.Zero, later.Wait);
    }

    [Fact]
    public void New_with_zero_rate_throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ConnectionRateBudget(new RateBudgetLimit { CallsPerHour = 0 }, new SteppedClock()));

        Assert.Contains("CallsPerHour", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>A clock that does not move until a test advances it.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private DateTimeOffset _now;

        public SteppedClock() => _now = Start;

        public DateTimeOffset Start { get; } = new(2026, 5, 4, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
