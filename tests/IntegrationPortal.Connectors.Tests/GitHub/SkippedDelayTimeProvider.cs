namespace IntegrationPortal.Connectors.Tests.GitHub;

/// <summary>
/// A clock that reads the system time but fires every timer at once, so retry waits take no time.
/// It records each requested wait so tests can check how long the retry strategy meant to wait.
/// </summary>
public sealed class SkippedDelayTimeProvider : TimeProvider
{
    private readonly List<TimeSpan> _requestedDelays = [];

    public IReadOnlyList<TimeSpan> RequestedDelays
    {
        get
        {
            lock (_requestedDelays)
            {
                return [.. _requestedDelays];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_requestedDelays)
            {
                _requestedDelays.Add(dueTime);
            }
        }

        return System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
    }
}
