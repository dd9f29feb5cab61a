using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Sync.Tests.Values;

public sealed class UserValuesTests
{
    [Theory]
    [InlineData(" Person0001@Example.COM ", "person0001@example.com")]
    [InlineData("unmapped-user:GitHub:Person0001", "unmapped-user:GitHub:Person0001")]
    public void Normalize_LowerCasesAddresses(string value, string expected)
    {
        Assert.Equal(expected, UserValues.Normalize(value));
    }

    [Fact]
    public void Unmapped_RoundTripsToolAndName()
    {
        var value = UserValues.Unmapped("Redmine", "person0002");

        Assert.True(UserValues.TryParseUnmapped(value, out var tool, out var name));
        Assert.Equal("Redmine", tool);
        Assert.Equal("person0002", name);
    }

    [Theory]
    [InlineData("person0001@example.com")]
    [InlineData(null)]
    public void IsUnmapped_FalseForAddresses(string? value)
    {
        Assert.False(UserValues.IsUnmapped(value));
    }

    [Fact]
    public void UnmappedWarning_NamesUserAndFix()
    {
        var warning = UserValues.UnmappedWarning(UserValues.Unmapped("GitHub", "person0003"), "assignee");

        Assert.NotNull(warning);
        Assert.Contains("'person0003'", warning, StringComparison.Ordinal);
        Assert.Contains("assignee", warning, StringComparison.Ordinal);
        Assert.Contains("public", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmapped_RejectsColonInTool()
    {
        Assert.Throws<ArgumentException>(() => UserValues.Unmapped("a:b", "person0001"));
    }
}
