using IntegrationPortal.Sync.Engine;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Application.Flows.Runs;

/// <summary>
/// Renews a run's lease in the background every third of the lease duration while the run works,
/// so a long run keeps its flow. When a renewal finds another holder, or renewals fail until the
/// lease would have expired, the keeper marks the lease lost. The engine then stops at the next
/// item boundary through <see cref="Progress"/>, before it saves cursors.
/// </summary>
public sealed class FlowLeaseKeeper : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<bool>> _renew;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Guid _flowId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private DateTimeOffset _renewedAt;
    private volatile bool _lost;

    private FlowLeaseKeeper(Guid flowId, Func<CancellationToken, Task<bool>> renew, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        _flowId = flowId;
        _renew = renew;
        _duration = duration;
        _time = time;
        _logger = logger;
        _renewedAt = time.GetUtcNow();
        Progress = new LeaseCheckingProgress(this);
        _loop = RenewLoopAsync();
    }

    /// <summary>True once the lease was lost; the run must stop without saving cursors.</summary>
    public bool IsLost => _lost;

    /// <summary>Progress sink for the engine that throws <see cref="FlowLeaseLostException"/> once the lease is lost.</summary>
    public IProgress<SyncProgress> Progress { get; }

    /// <summary>The engine's latest progress report, or null before the engine read both sides.</summary>
    public SyncProgress? LastProgress { get; private set; }

    /// <summary>
    /// Starts renewing. <paramref name="renew"/> extends the lease by <paramref name="duration"/> and
    /// returns false when another worker holds it. It must not share a database context with the run.
    /// </summary>
    public static FlowLeaseKeeper Start(
        Guid flowId, Func<CancellationToken, Task<bool>> renew, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(renew);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The lease duration must be positive.");
        }

        return new FlowLeaseKeeper(flowId, renew, duration, time, logger);
    }

    /// <summary>Throws <see cref="FlowLeaseLostException"/> when the lease was lost.</summary>
    public void ThrowIfLost()
    {
        if (_lost)
        {
            throw new FlowLeaseLostException(_flowId);
        }
    }

    /// <summary>Stops renewing; the caller releases the lease afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        _stop.Dispose();
    }

    private async Task RenewLoopAsync()
    {
        using var timer = new PeriodicTimer(_duration / 3, _time);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            if (await TryRenewAsync())
            {
                _renewedAt = _time.GetUtcNow();
                continue;
            }

            if (_lost || _time.GetUtcNow() >= _renewedAt + _duration)
            {
                _lost = true;
                _logger.LogWarning("Run of flow {FlowId} lost its lease; it stops at the next item without saving cursors", _flowId);
                return;
            }
        }
    }

    private async Task<bool> TryRenewAsync()
    {
        try
        {
            if (await _renew(_stop.Token))
            {
                return true;
            }

            _lost = true;
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A failed renewal is retried on the next tick; the lease is lost only once it expired.
            _logger.LogWarning(exception, "Renewing the lease of flow {FlowId} failed; retrying before it expires", _flowId);
            return false;
        }
    }

    private sealed class LeaseCheckingProgress(FlowLeaseKeeper keeper) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            keeper.LastProgress = value;
            keeper.ThrowIfLost();
        }
    }
}
