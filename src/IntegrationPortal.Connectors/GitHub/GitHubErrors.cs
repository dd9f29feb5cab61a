using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using IntegrationPortal.Connectors.Http;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Connectors.GitHub;

/// <summary>Turns an unsuccessful GitHub response into a <see cref="ConnectorException"/> an admin can act on.</summary>
internal static class GitHubErrors
{
    public static async Task<ConnectorException> FromResponseAsync(
        HttpResponseMessage response, string call, string token, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var (message, errors) = await ReadErrorBodyAsync(response, cancellationToken);
        var detail = $"HTTP {status}: {message ?? response.ReasonPhrase ?? "no message"}{errors}";

        var text = RateLimitHeaders.IsRateLimited(response)
            ? $"GitHub is rate-limiting requests and rejected {call} ({detail}). Try again {DescribeRetryTime(response)}."
            : response.StatusCode switch
            {
                HttpStatusCode.Unauthorized =>
                    $"GitHub rejected the token for {call} ({detail}). Check that the token is valid and not expired.",
                HttpStatusCode.Forbidden =>
                    $"GitHub denied {call} ({detail}). Check that the token has access to the repository and may read and write issues.",
                HttpStatusCode.NotFound =>
                    $"GitHub did not find {call} ({detail}). Check the repository name and that the token can see it.",
                HttpStatusCode.UnprocessableEntity =>
                    $"GitHub rejected the values sent by {call} ({detail}).",
                _ => $"GitHub call {call} failed ({detail}).",
            };

        return new ConnectorException(Redact(text, token), status);
    }

    /// <summary>Removes the token from a text, in case GitHub ever echoes it in a message.</summary>
    public static string Redact(string text, string token) =>
        token.Length == 0 ? text : text.Replace(token, "[token]", StringComparison.Ordinal);

    private static string DescribeRetryTime(HttpResponseMessage response)
    {
        var retryAt = RateLimitHeaders.GetRetryAt(response, DateTimeOffset.UtcNow);
        return retryAt is { } time
            ? $"after {time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC"
            : "in a few minutes";
    }

    private static async Task<(string? Message, string Errors)> ReadErrorBodyAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, string.Empty);
            }

            var message = root.TryGetProperty("message", out var messageElement) && messageElement.ValueKind == JsonValueKind.String
                ? messageElement.GetString()
                : null;
            return (message, DescribeErrors(root));
        }
        catch (JsonException)
        {
            return (null, string.Empty);
        }
    }

    /// <summary>Formats a 422 body's <c>errors</c> array, such as "; errors: Issue.title missing_field".</summary>
    private static string DescribeErrors(JsonElement root)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        foreach (var error in errors.EnumerateArray())
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                parts.Add(error.GetString()!);
                continue;
            }

            var builder = new StringBuilder();
            AppendProperty(builder, error, "resource", string.Empty);
            AppendProperty(builder, error, "field", ".");
            AppendProperty(builder, error, "code", " ");
            AppendProperty(builder, error, "message", " ");
            parts.Add(builder.ToString().Trim());
        }

        return parts.Count == 0 ? string.Empty : "; errors: " + string.Join(", ", parts);
    }

    private static void AppendProperty(StringBuilder builder, JsonElement error, string name, string separator)
    {
        if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            builder.Append(builder.Length == 0 ? string.Empty : separator).Append(value.GetString());
        }
    }
}
