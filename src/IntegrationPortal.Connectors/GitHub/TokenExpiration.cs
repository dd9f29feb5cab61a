using System.Globalization;
using System.Net.Http.Headers;

namespace IntegrationPortal.Connectors.GitHub;

/// <summary>
/// Reads the <c>github-authentication-token-expiration</c> response header, which GitHub sends for
/// tokens created with an expiry, in the form "2026-10-07 19:07:53 UTC". Tokens without an expiry
/// get no header.
/// </summary>
public static class TokenExpiration
{
    public const string HeaderName = "github-authentication-token-expiration";

    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss 'UTC'", "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zz"];

    /// <summary>Returns the expiry in UTC, or null when the header is missing or unreadable.</summary>
    public static DateTimeOffset? Read(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.TryGetValues(HeaderName, out var values) ? Parse(values.FirstOrDefault()) : null;
    }

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();

        // NOTE: only the "UTC" form was seen in a recorded GitHub response. Numeric offsets are
        // accepted in case a server sends one, and "-0700" is rewritten to the "-07:00" that zzz reads.
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && text[^4..].All(char.IsAsciiDigit))
        {
            text = string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : null;
    }
}
