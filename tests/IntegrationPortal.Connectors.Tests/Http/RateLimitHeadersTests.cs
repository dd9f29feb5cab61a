using System.Net;
using System.Net.Http.Headers;
using IntegrationPortal.Connectors.Http;

namespace IntegrationPortal.Connectors.Tests.Http;

/// <summary>The wait a response requests, with <c>Retry-After</c> in both of its forms: seconds and an HTTP date.</summary>
public sealed class RateLimitHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RetryAfter_date_is_the_retry_time()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "Fri, 04 Dec 2026 12:00:30 GMT");

        Assert.Equal(Now.AddSeconds(30), RateLimitHeaders.GetRetryAt(response, Now));
        Assert.True(RateLimitHeaders.IsRateLimited(response));
    }

    [Fact]
    public void RetryAfter_past_date_retries_now()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddMinutes(-5));

        Assert.Equal(Now, RateLimitHeaders.GetRetryAt(response, Now));
    }

    [Fact]
    public void RetryAfter_date_on_403_is_rate_limited()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden);
        response.Headers.TryAddWithoutValidation("Retry-After", "Fri, 04 Dec 2026 12:01:00 GMT");

        Assert.True(RateLimitHeaders.IsRateLimited(response));
        Assert.Equal(Now.AddMinutes(1), RateLimitHeaders.GetRetryAt(response, Now));
    }

    [Fact]
    public void RetryAfter_zero_retries_now()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "0");

        Assert.Equal(Now, RateLimitHeaders.GetRetryAt(response, Now));
    }

    [Fact]
    public void Invalid_RetryAfter_names_no_time()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "soon");

        Assert.Null(RateLimitHeaders.GetRetryAt(response, Now));
        Assert.True(RateLimitHeaders.IsRateLimited(response));
    }
}
