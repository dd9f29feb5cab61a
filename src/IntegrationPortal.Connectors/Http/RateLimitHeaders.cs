using System.Globalization;
using System.Net;

namespace IntegrationPortal.Connectors.Http;

/// <summary>
/// Reads the wait a tool requests in a response: <c>Retry-After</c> (seconds or an HTTP date, RFC 9110)
/// or GitHub's primary rate limit (<c>x-ratelimit-remaining: 0</c> with <c>x-ratelimit-reset</c> in
/// epoch seconds).
/// </summary>
public static class RateLimitHeaders
{
    /// <summary>
    /// Returns the time the tool allows the next request, or null when the response names none.
    /// A <c>Retry-After: 0</c> returns <paramref name="now"/>.
    /// </summary>
    public static DateTimeOffset? GetRetryAt(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);

        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return now + (delta < TimeSpan.Zero ? TimeSpan.Zero : delta);
        }

        if (retryAfter?.Date is { } date)
        {
            return date < now ? now : date;
        }

        if (IsPrimaryLimitExhausted(response) && TryGetHeader(response, "x-ratelimit-reset", out var resetText)
            && long.TryParse(resetText, NumberStyles.None, CultureInfo.InvariantCulture, out var resetSeconds))
        {
            var reset = DateTimeOffset.FromUnixTimeSeconds(resetSeconds);
            return reset < now ? now : reset;
        }

        return null;
    }

    /// <summary>
    /// Tells whether the response rejects the request because of a rate limit: any 429, or a 403 that
    /// carries <c>Retry-After</c> (GitHub's secondary limit) or <c>x-ratelimit-remaining: 0</c>.
    /// </summary>
    public static bool IsRateLimited(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);

        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => true,
            HttpStatusCode.Forbidden => response.Headers.RetryAfter is not null || IsPrimaryLimitExhausted(response),
            _ => false,
        };
    }

    /// <summary>
    /// Tells whether a 403 or 429 response is rate-limited, including GitHub's secondary limits that
    /// come without headers and are recognized by their error message. The body of a 403 or 429 is
    /// buffered, so callers can still read it afterwards.
    /// </summary>
    public static async Task<bool> IsRateLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);

        return IsRateLimited(response) || await IsSecondaryLimitMessageAsync(response, cancellationToken);
    }

    /// <summary>
    /// Tells whether a 403 or 429 body states that a secondary rate limit was exceeded. GitHub sends
    /// such a response sometimes without <c>Retry-After</c>, and then expects clients to wait at least
    /// <see cref="SecondaryLimitMinimumWait"/> before the next request.
    /// </summary>
    public static async Task<bool> IsSecondaryLimitMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return false;
        }

        // Buffering lets the connector read the error body again after this check.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Contains(SecondaryLimitMessage, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The part of GitHub's error message that names a secondary rate limit.</summary>
    public const string SecondaryLimitMessage = "secondary rate limit";

    /// <summary>
    /// The wait after a secondary-limit response that names no time. GitHub's REST API documentation
    /// ("Rate limits for the REST API") requires at least one minute.
    /// </summary>
    public static readonly TimeSpan SecondaryLimitMinimumWait = TimeSpan.FromMinutes(1);

    private static bool IsPrimaryLimitExhausted(HttpResponseMessage response) =>
        TryGetHeader(response, "x-ratelimit-remaining", out var remaining) && remaining.Trim() == "0";

    private static bool TryGetHeader(HttpResponseMessage response, string name, out string value)
    {
        if (response.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { } first)
        {
            value = first;
            return true;
        }

        value = string.Empty;
        return false;
    }
}
