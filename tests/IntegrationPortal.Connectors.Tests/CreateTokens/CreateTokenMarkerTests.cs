using IntegrationPortal.Connectors.CreateTokens;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Connectors.Tests.CreateTokens;

public sealed class CreateTokenMarkerTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("Steps:\n\n1. Start `vpnd`.")]
    [InlineData("Ends with a comment <!-- kept -->")]
    public void AppendThenStrip_ReturnsDescriptionAndToken(string? description)
    {
        var stored = CreateTokenMarker.Append(description, "3f2a9c", "POST /issues");

        var read = CreateTokenMarker.Strip(stored, out var token);

        Assert.Equal(description ?? string.Empty, read);
        Assert.Equal("3f2a9c", token);
    }

    [Fact]
    public void Strip_CrlfStoredByRedmine_RemovesMarker()
    {
        var read = CreateTokenMarker.Strip("Printer jammed\r\n\r\n<!-- integrationportal:create-token=ab12 -->\r\n", out var token);

        Assert.Equal("Printer jammed", read);
        Assert.Equal("ab12", token);
    }

    [Fact]
    public void Strip_WithoutMarker_KeepsDescription()
    {
        var read = CreateTokenMarker.Strip("<!-- integrationportal:create-token=ab 12 --> then more text", out var token);

        Assert.Equal("<!-- integrationportal:create-token=ab 12 --> then more text", read);
        Assert.Null(token);
    }

    [Fact]
    public void Append_InvalidToken_NamesTokenAndRule()
    {
        var exception = Assert.Throws<ConnectorException>(() => CreateTokenMarker.Append("x", "a -->b", "POST /issues"));

        Assert.Contains("'a -->b'", exception.Message);
        Assert.Contains("letters, digits", exception.Message);
    }
}
