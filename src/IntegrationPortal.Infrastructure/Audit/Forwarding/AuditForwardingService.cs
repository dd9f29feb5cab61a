using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Infrastructure.Audit.Forwarding;

/// <summary>
/// Tails the activity log and forwards it batch by batch. A failed delivery is retried after a
/// wait that doubles from one second up to the configured maximum; nothing is skipped meanwhile.
/// </summary>
public sealed partial class AuditForwardingService(
    AuditForwarder forwarder, AuditForwardingOptions options, TimeProvider time, ILogger<AuditForwardingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(logger, options.Sink, forwarder.Holder);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var sent = await forwarder.ForwardNextBatchAsync(stoppingToken);
                if (failures > 0)
                {
                    LogRecovered(logger, options.Sink, failures);
                }

                failures = 0;
                wait = sent == 0 ? TimeSpan.FromSeconds(options.PollSeconds) : TimeSpan.Zero;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failures++;
                wait = Backoff(failures, options.MaxBackoffSeconds);
                LogRetry(logger, ex, options.Sink, failures, wait.TotalSeconds);
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await forwarder.ReleaseAsync(CancellationToken.None);
        LogStopped(logger, options.Sink);
    }

    /// <summary>Returns 1, 2, 4 … seconds for the first, second, third … failure in a row, capped at the maximum.</summary>
    public static TimeSpan Backoff(int failures, int maxSeconds) =>
        TimeSpan.FromSeconds(Math.Min(maxSeconds, Math.Pow(2, Math.Min(failures - 1, 30))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit forwarding to {Sink} started as {Holder}")]
    private static partial void LogStarted(ILogger logger, string sink, string holder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit forwarding to {Sink} stopped")]
    private static partial void LogStopped(ILogger logger, string sink);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit forwarding to {Sink} recovered after {Failures} failed attempts")]
    private static partial void LogRecovered(ILogger logger, string sink, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit forwarding to {Sink} failed (attempt {Failures}); retrying in {WaitSeconds} s")]
    private static partial void LogRetry(ILogger logger, Exception exception, string sink, int failures, double waitSeconds);
}
