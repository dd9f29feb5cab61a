using IntegrationPortal.Web.Seeding;

namespace IntegrationPortal.Web.Tests.Seeding;

public sealed class SeedBacklogCommandTests
{
    [Fact]
    public void Matches_only_the_command_name_first()
    {
        Assert.True(SeedBacklogCommand.Matches(["seed-backlog", "--count", "5"]));
        Assert.False(SeedBacklogCommand.Matches([]));
        Assert.False(SeedBacklogCommand.Matches(["--Role=web"]));
        Assert.False(SeedBacklogCommand.Matches(["--count", "5", "seed-backlog"]));
    }

    [Fact]
    public void TryParse_reads_count_seed_and_skips_settings()
    {
        var parsed = SeedBacklogCommand.TryParse(
            ["seed-backlog", "--Database:Provider=PostgreSql", "--count", "200", "--Database:DataDirectory", "/tmp/x", "--seed", "7"],
            out var count,
            out var seed,
            out var error);

        Assert.True(parsed, error);
        Assert.Equal(200, count);
        Assert.Equal(7, seed);
    }

    [Fact]
    public void TryParse_reads_requester_password()
    {
        var parsed = SeedBacklogCommand.TryParse(["seed-backlog", "--password", "Demo-pass-2026", "--count", "5"], out var count, out _, out var password, out var error);

        Assert.True(parsed, error);
        Assert.Equal(5, count);
        Assert.Equal("Demo-pass-2026", password);
        Assert.True(SeedBacklogCommand.TryParse(["seed-backlog"], out _, out _, out var none, out _));
        Assert.Null(none);
    }

    [Fact]
    public void TryParse_rejects_empty_password()
    {
        Assert.False(SeedBacklogCommand.TryParse(["seed-backlog", "--password"], out _, out _, out _, out var error));
        Assert.Contains("--password needs", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_defaults_to_fifty_requests()
    {
        Assert.True(SeedBacklogCommand.TryParse(["seed-backlog"], out var count, out var seed, out _));
        Assert.Equal(50, count);
        Assert.Equal(1, seed);
    }

    [Theory]
    [InlineData("--count", "0", "--count is 0")]
    [InlineData("--count", "many", "--count needs a whole number")]
    [InlineData("--cuont", "5", "Unknown option '--cuont'")]
    public void TryParse_rejects_bad_options(string option, string value, string expected)
    {
        Assert.False(SeedBacklogCommand.TryParse(["seed-backlog", option, value], out _, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
