using System.Globalization;
using IntegrationPortal.Sync.Connectors;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Connectors.Http;

/// <summary>
/// The outermost handler of a connector client. A response that is still rate-limited after the
/// retry handler gave up (every attempt limited, or a requested wait beyond the maximum) becomes a
/// <see cref="ConnectorThrottledException"/> with the time the tool allows the next call, so the
/// runner can end the run as throttled instead of failing items one by one.
/// </summary>
internal sealed class ThrottledResponseHandler(string toolName, ConnectorResilienceOptions options, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!await RateLimitHeaders.IsRateLimitedAsync(response, cancellationToken))
        {
            return response;
        }

        var status = (int)response.StatusCode;
        var now = options.TimeProvider.GetUtcNow();
        var retryAt = await ConnectorRetryPolicy.GetRequestedRetryAtAsync(response, now, cancellationToken)
            ?? now + RateLimitHeaders.SecondaryLimitMinimumWait;
        response.Dispose();

        var call = $"{request.Method} {request.RequestUri?.AbsolutePath}";
        logger.LogWarning("{Tool} rate-limited {Call} with HTTP {Status}; the next call is allowed at {RetryAt:O}", toolName, call, status, retryAt);
        var time = retryAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        throw new ConnectorThrottledException(
            $"{toolName} is rate-limiting requests and rejected {call} (HTTP {status}). Try again after {time} UTC.",
            retryAt,
            status);
    }
}
