using IntegrationPortal.Connectors.CreateTokens;

namespace IntegrationPortal.Connectors.Tests.CreateTokens;

/// <summary>
/// A person who edits a created item finds the marker in the raw description and may write below it.
/// The marker must still stay out of the synced value.
/// </summary>
public sealed class CreateTokenMarkerEditTests
{
    [Theory]
    [InlineData("Printer jammed\n\n<!-- integrationportal:create-token=ab12 -->\n\nAlso on floor 3", "Printer jammed\n\nAlso on floor 3")]
    [InlineData("Printer jammed\r\n\r\n<!-- integrationportal:create-token=ab12 -->\r\nAlso on floor 3\r\n", "Printer jammed\n\nAlso on floor 3\r\n")]
    [InlineData("<!-- integrationportal:create-token=ab12 -->\n\nWritten below an empty description", "Written below an empty description")]
    public void Strip_text_below_marker_removes_marker(string stored, string expected)
    {
        var read = CreateTokenMarker.Strip(stored, out var token);

        Assert.Equal(expected, read);
        Assert.Equal("ab12", token);
    }

    [Fact]
    public void Strip_other_comment_is_kept()
    {
        const string stored = "Before <!-- integrationportal:note --> after";

        var read = CreateTokenMarker.Strip(stored, out var token);

        Assert.Equal(stored, read);
        Assert.Null(token);
    }
}
