using IntegrationPortal.Connectors.GitHub;
using IntegrationPortal.Emulators.GitHub;

namespace IntegrationPortal.Connectors.Tests.GitHub;

public sealed class TokenExpirationTests
{
    [Theory]
    [InlineData("2026-10-07 19:07:53 UTC", "2026-10-07T19:07:53Z")]
    [InlineData("2026-10-07 12:07:53 -0700", "2026-10-07T19:07:53Z")]
    [InlineData("2026-10-07 21:07:53 +02:00", "2026-10-07T19:07:53Z")]
    public void Parse_KnownForms_ReturnsUtc(string header, string expected)
    {
        var parsed = TokenExpiration.Parse(header);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("next Tuesday")]
    public void Parse_Unreadable_ReturnsNull(string? header)
    {
        Assert.Null(TokenExpiration.Parse(header));
    }

    [Fact]
    public async Task Test_ReadsExpiryHeader()
    {
        var options = new GitHubEmulatorOptions { Tokens = ["ghp_expiring", GitHubEmulator.DefaultToken] };
        options.TokenExpirations["ghp_expiring"] = new DateTimeOffset(2027, 3, 1, 12, 30, 0, TimeSpan.Zero);
        await using var context = await GitHubTestContext.StartAsync(options);

        var expiring = await context.CreateConnector("ghp_expiring").TestAsync(CancellationToken.None);
        var lasting = await context.CreateConnector().TestAsync(CancellationToken.None);

        Assert.True(expiring.Succeeded);
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 12, 30, 0, TimeSpan.Zero), expiring.TokenExpiresAt);
        Assert.Contains("expires 2027-03-01 12:30 UTC", expiring.Message, StringComparison.Ordinal);
        Assert.True(lasting.Succeeded);
        Assert.Null(lasting.TokenExpiresAt);
    }
}
