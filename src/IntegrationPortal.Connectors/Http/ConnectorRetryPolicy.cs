using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace IntegrationPortal.Connectors.Http;

/// <summary>
/// Decides which failed attempts the retry strategy repeats and how long it waits before each one.
/// Rate-limit responses (429, GitHub's 403 limits) are retried for every method because the tool
/// rejected them unprocessed. Server errors, 408 and network errors are retried except for POST,
/// because a create that failed late may still have been stored.
/// </summary>
internal sealed class ConnectorRetryPolicy(ConnectorResilienceOptions options, ILogger logger)
{
    public async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, CancellationToken cancellationToken)
    {
        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or TimeoutRejectedException && IsSafeToRepeat(request);
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        var rateLimited = await RateLimitHeaders.IsRateLimitedAsync(response, cancellationToken);
        var transient = status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout;
        if (!rateLimited && !(transient && IsSafeToRepeat(request)))
        {
            return false;
        }

        var now = options.TimeProvider.GetUtcNow();
        var retryAt = await GetRequestedRetryAtAsync(response, now, cancellationToken);
        if (retryAt is { } at && at - now > options.MaxWait)
        {
            logger.LogWarning(
                "Not retrying {Method} {Path} after HTTP {Status}: the tool requests a wait until {RetryAt:O}, longer than the maximum wait of {MaxWait}",
                request?.Method, request?.RequestUri?.AbsolutePath, status, at, options.MaxWait);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Returns the wait before retry number <paramref name="attemptNumber"/> (0 for the first retry):
    /// jittered exponential backoff, raised to the wait the response requests and capped at
    /// <see cref="ConnectorResilienceOptions.MaxWait"/>. A requested wait is a minimum, so the cap
    /// never shortens it: <see cref="ShouldRetryAsync"/> does not retry when it exceeds the cap.
    /// </summary>
    public async ValueTask<TimeSpan> GetDelayAsync(int attemptNumber, Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        var exponential = options.BaseDelay * Math.Pow(2, Math.Min(attemptNumber, 16));

        // "Equal jitter": half of the exponential delay is fixed, the other half random, so parallel
        // clients spread out without any retry coming back immediately.
#pragma warning disable CA5394 // The jitter needs no cryptographic randomness.
        var delay = exponential * (0.5 + (Random.Shared.NextDouble() * 0.5));
#pragma warning restore CA5394

        if (outcome.Result is { } response)
        {
            var now = options.TimeProvider.GetUtcNow();
            if (await GetRequestedRetryAtAsync(response, now, cancellationToken) is { } retryAt && retryAt - now > delay)
            {
                delay = retryAt - now;
            }
        }

        return delay > options.MaxWait ? options.MaxWait : delay;
    }

    /// <summary>
    /// Returns the time the response allows the next request: its headers' time, or for a
    /// secondary-limit message without one, <see cref="RateLimitHeaders.SecondaryLimitMinimumWait"/> from now.
    /// </summary>
    internal static async ValueTask<DateTimeOffset?> GetRequestedRetryAtAsync(
        HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (RateLimitHeaders.GetRetryAt(response, now) is { } retryAt)
        {
            return retryAt;
        }

        return await RateLimitHeaders.IsSecondaryLimitMessageAsync(response, cancellationToken)
            ? now + RateLimitHeaders.SecondaryLimitMinimumWait
            : null;
    }

    public void LogRetry(OnRetryArguments<HttpResponseMessage> arguments)
    {
        var request = arguments.Context.GetRequestMessage();
        var failure = arguments.Outcome.Result is { } response
            ? $"HTTP {(int)response.StatusCode}"
            : arguments.Outcome.Exception?.GetType().Name;

        logger.LogWarning(
            "Retrying {Method} {Path} after {Failure} in {DelayMs} ms (retry {Retry} of {MaxRetries})",
            request?.Method, request?.RequestUri?.AbsolutePath, failure,
            (long)arguments.RetryDelay.TotalMilliseconds, arguments.AttemptNumber + 1, options.MaxAttempts - 1);
    }

    private static bool IsSafeToRepeat(HttpRequestMessage? request) =>
        request is not null && request.Method != HttpMethod.Post;
}
