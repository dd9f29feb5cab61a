namespace IntegrationPortal.Connectors.Http;

/// <summary>
/// A token bucket for one connection. A call takes a token at once while tokens are left.
/// Otherwise it reserves the next token and waits for it, so calls that wait queue up in order,
/// and a call whose wait would exceed the caller's maximum takes nothing.
/// </summary>
public sealed class ConnectionRateBudget
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly double _burst;
    private readonly double _tokensPerSecond;
    private double _tokens;
    private DateTimeOffset _refilledAt;

    public ConnectionRateBudget(RateBudgetLimit limit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(time);
        if (limit.CallsPerHour <= 0)
        {
            throw new ArgumentException($"CallsPerHour must be positive, but it is {limit.CallsPerHour}.", nameof(limit));
        }

        _time = time;
        _burst = Math.Max(limit.Burst, 1);
        _tokensPerSecond = limit.CallsPerHour / 3600.0;
        _tokens = _burst;
        _refilledAt = time.GetUtcNow();
    }

    /// <summary>
    /// Reserves one call. Returns the wait before the call may be sent (zero when a token is free),
    /// or, when that wait exceeds <paramref name="maxWait"/>, reserves nothing and returns
    /// <see cref="RateBudgetReservation.Granted"/> false with the time the call would be allowed.
    /// </summary>
    public RateBudgetReservation Reserve(TimeSpan maxWait)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Refill(now);
            var wait = _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / _tokensPerSecond);
            if (wait > maxWait)
            {
                return new RateBudgetReservation(false, wait, now + wait);
            }

            _tokens -= 1;
            return new RateBudgetReservation(true, wait, now + wait);
        }
    }

    private void Refill(DateTimeOffset now)
    {
        var elapsed = (now - _refilledAt).TotalSeconds;
        if (elapsed > 0)
        {
            _tokens = Math.Min(_burst, _tokens + (elapsed * _tokensPerSecond));
            _refilledAt = now;
        }
    }
}

/// <summary>The outcome of <see cref="ConnectionRateBudget.Reserve"/>: whether the call may go, after which wait.</summary>
public readonly record struct RateBudgetReservation(bool Granted, TimeSpan Wait, DateTimeOffset AllowedAt);
