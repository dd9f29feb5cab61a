using CsCheck;
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
    [InlineData(FieldKind.RichText, "  * item", "- item")]
    [InlineData(FieldKind.RichText, "Title\n===\n\n__bold__", "# Title\n\n**bold**")]
    [InlineData(FieldKind.RichText, "\n\n", null)]
    [InlineData(FieldKind.Choice, " Closed ", "Closed")]
    [InlineData(FieldKind.Choice, "closed", "closed")]
    [InlineData(FieldKind.Labels, "b, a,,a , c", "a, b, c")]
    [InlineData(FieldKind.Labels, "B,a", "B, a")]
    [InlineData(FieldKind.Labels, " , ", null)]
    [InlineData(FieldKind.Date, "2026-03-01T23:30:00-05:00", "2026-03-01")]
    [InlineData(FieldKind.Date, "soon", "soon")]
    [InlineData(FieldKind.Timestamp, "2026-03-01T23:30:00-05:00", "2026-03-02T04:30:00Z")]
    [InlineData(FieldKind.User, "Person0001@Example.com", "person0001@example.com")]
    [InlineData(FieldKind.User, " ", null)]
    public void Normalize_ByKind(FieldKind kind, string? value, string? expected)
    {
        Assert.Equal(expected, FieldNormalizer.Normalize(value, kind));
    }

    [Fact]
    public void Labels_OrderAndRepeatsDoNotCount()
    {
        var label = Gen.OneOf("bug", "ui", "Bug", "needs info", "P1", "über", "a-b", "x");
        Gen.Select(label.Array[0, 8], Gen.Int[0, 1000]).Sample((labels, turn) =>
        {
            var split = labels.Length == 0 ? 0 : turn % labels.Length;
            var shuffled = labels.Skip(split).Concat(labels.Take(split)).Reverse().Concat(labels.Take(2)).ToArray();

            Assert.Equal(
                FieldNormalizer.Normalize(string.Join(",", labels), FieldKind.Labels),
                FieldNormalizer.Normalize(string.Join(" , ", shuffled), FieldKind.Labels));
        }, iter: 1000, threads: 1);
    }
}
