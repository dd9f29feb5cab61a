using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationPortal.Sync.Connectors;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Connectors.Redmine;

// HTTP plumbing: every call goes through SendAsync, which adds the API key header and turns
// failures into ConnectorException messages that name the call but never the key.
public sealed partial class RedmineConnector
{
    private const string ApiKeyHeader = "X-Redmine-API-Key";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The base URL without a trailing slash, so Redmine below a path prefix works.</summary>
    private string BaseUrlText { get; } = baseUrl.AbsoluteUri.TrimEnd('/');

    private Task<T> GetJsonAsync<T>(string relativeUrl, CancellationToken cancellationToken)
        where T : class =>
        SendJsonAsync<T>(HttpMethod.Get, relativeUrl, body: null, cancellationToken);

    private async Task<T?> GetJsonOrNullAsync<T>(string relativeUrl, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await GetJsonAsync<T>(relativeUrl, cancellationToken);
        }
        catch (ConnectorException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    private async Task<T> SendJsonAsync<T>(
        HttpMethod method,
        string relativeUrl,
        JsonNode? body,
        CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(method, relativeUrl, body, cancellationToken);
        try
        {
            var result = await response.Content.ReadFromJsonAsync<T>(JsonOptions, cancellationToken);
            return result ?? throw new JsonException("The response body is empty or null.");
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Redmine returned unexpected JSON for {Method} {Path}", method, relativeUrl);
            throw new ConnectorException(
                $"Redmine at {BaseUrlText} returned a response to {method} /{relativeUrl} that is not the expected JSON. "
                + "Check that the base URL points at Redmine.",
                (int)response.StatusCode,
                ex);
        }
    }

    /// <summary>Sends one request and returns the response when its status is a success.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string relativeUrl,
        JsonNode? body,
        CancellationToken cancellationToken)
    {
        var call = $"{method} /{relativeUrl}";
        using var request = new HttpRequestMessage(method, new Uri($"{BaseUrlText}/{relativeUrl}"));
        request.Headers.Add(ApiKeyHeader, apiKey);
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null)
        {
            // A string body carries a Content-Length. Redmine 5.0 on WEBrick ignores a chunked
            // body, which JsonContent would send, and then rejects the request as empty.
            request.Content = new StringContent(body.ToJsonString(JsonOptions), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Redmine could not be reached for {Call} at {BaseUrl}", call, BaseUrlText);
            throw new ConnectorException(
                $"Redmine could not be reached at {BaseUrlText} ({call}): {ex.Message} Check the base URL and that Redmine is running.",
                innerException: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Redmine timed out for {Call} at {BaseUrl}", call, BaseUrlText);
            throw new ConnectorException(
                $"Redmine could not be reached at {BaseUrlText}: {call} timed out. Check the base URL and that Redmine is running.",
                innerException: ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var message = await DescribeFailureAsync(response, call, cancellationToken);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                logger.LogWarning("Redmine call failed: {Message}", message);
            }

            throw new ConnectorException(message, (int)response.StatusCode);
        }
    }

    private async Task<string> DescribeFailureAsync(
        HttpResponseMessage response,
        string call,
        CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            case HttpStatusCode.UnprocessableEntity:
                var errors = await ReadErrorsAsync(response, cancellationToken);
                return $"Redmine rejected {call} (HTTP 422): {errors}";
            case HttpStatusCode.Unauthorized:
                return $"Redmine rejected the API key for {call} (HTTP 401). Check the key, and check that "
                    + "the REST API is enabled under Administration > Settings > API.";
            case HttpStatusCode.Forbidden:
                return $"Redmine denied {call} (HTTP 403): the API key's user lacks the permission for it.";
            case HttpStatusCode.NotFound:
                return $"Redmine returned HTTP 404 Not Found for {call}. Check the project identifier or issue id, "
                    + "and that the API key's user can see it.";
            default:
                return $"Redmine returned HTTP {status} {response.ReasonPhrase} for {call} at {BaseUrlText}.";
        }
    }

    private static async Task<string> ReadErrorsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var list = await response.Content.ReadFromJsonAsync<RedmineErrorList>(JsonOptions, cancellationToken);
            if (list is { Errors.Count: > 0 })
            {
                return string.Join("; ", list.Errors);
            }
        }
        catch (JsonException)
        {
            // A 422 without Redmine's error list falls through to the generic text below.
        }

        return "the response carried no error list.";
    }
}
