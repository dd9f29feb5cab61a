using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;

namespace IntegrationPortal.Sync.Tests;

public sealed class FieldNormalizerTests
{
    [Theory]
    [InlineData(FieldKind.Text, null, null)]
    [InlineData(FieldKind.Text, "", null)]
    [InlineData(FieldKind.Text, "  ", null)]
    [InlineData(FieldKind.Text, " Title ", "Title")]
    [InlineData(FieldKind.Text, "a\r\nb\rc", "a\nb\nc")]
    [InlineData(FieldKind.RichText, "One  \r\nTwo\t\r\n\r\n", "One\nTwo")]
    [InlineData(FieldKind.RichText, "  - item", "  - item")]
    [InlineData(FieldKind.RichText, "\n\n", null)]
    [InlineData(FieldKind.Choice, " Closed ", "Closed")]
    [InlineData(FieldKind.Choice, "closed", "closed")]
    [InlineData(FieldKind.Labels, "b, a,,a , c", "a, b, c")]
    [InlineData(FieldKind.Labels, "B,a", "B, a")]
    [InlineData(FieldKind.Labels, " , ", null)]
    public void Normalize_ByKind(FieldKind kind, string? value, string? expected)
    {
        Assert.Equal(expected, FieldNormalizer.Normalize(value, kind));
    }
}
