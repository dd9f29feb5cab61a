using System.Security.Cryptography;
using System.Text;

namespace IntegrationPortal.Application.Webhooks;

/// <summary>
/// GitHub's delivery signature: the X-Hub-Signature-256 header contains "sha256=" and the lowercase
/// hex HMAC-SHA256 of the raw request body, keyed with the webhook's secret.
/// </summary>
public static class GitHubWebhookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";

    /// <summary>Computes the header value that GitHub sends for <paramref name="body"/>.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>
    /// Checks a header value against the body. The digests are compared in constant time, so the
    /// time taken reveals nothing about how much of a forged signature was right.
    /// </summary>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] received;
        try
        {
            received = Convert.FromHexString(header.AsSpan(Prefix.Length).Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }
}
