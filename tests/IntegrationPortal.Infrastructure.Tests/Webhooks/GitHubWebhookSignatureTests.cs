using System.Text;
using IntegrationPortal.Application.Webhooks;

namespace IntegrationPortal.Infrastructure.Tests.Webhooks;

public sealed class GitHubWebhookSignatureTests
{
    private const string Secret = "0f4c1a9e7b2d3c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6";

    [Fact]
    public void Signature_of_recorded_payload_is_valid()
    {
        var body = WebhookFixtures.IssuesOpened;

        var header = GitHubWebhookSignature.Compute(Secret, body);

        Assert.StartsWith("sha256=", header, StringComparison.Ordinal);
        Assert.Equal("sha256=".Length + 64, header.Length);
        Assert.True(GitHubWebhookSignature.IsValid(Secret, body, header));
    }

    [Fact]
    public void Signature_matches_known_hmac()
    {
        // HMAC-SHA256 of "Hello, World!" with the key "It's a Secret to Everybody", computed with
        // `printf 'Hello, World!' | openssl dgst -sha256 -hmac "It's a Secret to Everybody"` (OpenSSL 3).
        var header = GitHubWebhookSignature.Compute("It's a Secret to Everybody", Encoding.UTF8.GetBytes("Hello, World!"));

        Assert.Equal("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", header);
    }

    [Fact]
    public void Changed_body_is_invalid()
    {
        var body = WebhookFixtures.IssuesOpened;
        var header = GitHubWebhookSignature.Compute(Secret, body);
        var changed = (byte[])body.Clone();
        changed[^2] ^= 0x01;

        Assert.False(GitHubWebhookSignature.IsValid(Secret, changed, header));
    }

    [Fact]
    public void Wrong_secret_is_invalid()
    {
        var body = WebhookFixtures.IssuesOpened;
        var header = GitHubWebhookSignature.Compute("a-secret-from-before-the-rotation", body);

        Assert.False(GitHubWebhookSignature.IsValid(Secret, body, header));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=not-hex")]
    [InlineData("sha256=abcd")]
    public void Missing_or_malformed_header_is_invalid(string? header)
    {
        Assert.False(GitHubWebhookSignature.IsValid(Secret, WebhookFixtures.IssuesOpened, header));
    }

    [Fact]
    public void Sha1_header_is_invalid()
    {
        var body = WebhookFixtures.IssuesOpened;
        var sha256 = GitHubWebhookSignature.Compute(Secret, body);

        Assert.False(GitHubWebhookSignature.IsValid(Secret, body, "sha1=" + sha256["sha256=".Length..]));
    }
}
