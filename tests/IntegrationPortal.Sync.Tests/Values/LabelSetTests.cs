using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Sync.Tests.Values;

public sealed class LabelSetTests
{
    [Fact]
    public void Name_with_comma_stays_one_label()
    {
        var value = LabelSet.Join(["needs info, triage", "bug"]);

        Assert.Equal("bug, needs info\\, triage", value);
        Assert.Equal(["bug", "needs info, triage"], LabelSet.Split(value));
    }

    [Fact]
    public void Name_with_backslash_round_trips()
    {
        var value = LabelSet.Join(["path\\to", "ends with\\"]);

        Assert.Equal(["ends with\\", "path\\to"], LabelSet.Split(value));
    }

    [Theory]
    [InlineData("ui, bug", "bug, ui")]
    [InlineData("bug,bug , ui", "bug, ui")]
    [InlineData("needs info\\, triage, bug", "bug, needs info\\, triage")]
    [InlineData("path\\to", "path\\\\to")]
    [InlineData(" , ", null)]
    public void Normalize_is_a_sorted_escaped_set(string value, string? expected)
    {
        Assert.Equal(expected, FieldNormalizer.Normalize(value, FieldKind.Labels));
    }

    [Theory]
    [InlineData("bug, needs info\\, triage")]
    [InlineData("path\\to, ui")]
    [InlineData("a\\\\, b")]
    public void Normalize_is_idempotent(string value)
    {
        var once = FieldNormalizer.Normalize(value, FieldKind.Labels);

        Assert.Equal(once, FieldNormalizer.Normalize(once, FieldKind.Labels));
    }

    [Fact]
    public void Older_unescaped_base_is_no_change()
    {
        // A base saved before escaping stores a backslash as itself.
        Assert.Equal(
            FieldNormalizer.Normalize(LabelSet.Join(["path\\to"]), FieldKind.Labels),
            FieldNormalizer.Normalize("path\\to", FieldKind.Labels));
    }
}
