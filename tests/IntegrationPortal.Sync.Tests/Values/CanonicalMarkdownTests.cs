using IntegrationPortal.Sync.Tests.Values.RealContent;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Sync.Tests.Values;

public sealed class CanonicalMarkdownTests
{
    [Theory]
    [InlineData("Title\n=====\n\nText", "# Title\n\nText")]
    [InlineData("Sub\n---", "## Sub")]
    [InlineData("## Closed ##", "## Closed")]
    [InlineData("* one\n* two", "- one\n- two")]
    [InlineData("+ one\n\n+ two", "- one\n\n- two")]
    [InlineData("3) three\n4) four", "3. three\n4. four")]
    [InlineData("- a\n+ b", "- a\n\n* b")]
    [InlineData("_italic_ and __bold__", "*italic* and **bold**")]
    [InlineData("    code line", "```\ncode line\n```")]
    [InlineData("~~~ruby\nputs 1\n~~~", "```ruby\nputs 1\n```")]
    [InlineData("___", "***")]
    [InlineData("line one  \nline two", "line one\nline two")]
    [InlineData("line one\\\nline two", "line one\nline two")]
    [InlineData("[docs][1]\n\n[1]: https://example.org/docs", "[docs](https://example.org/docs)")]
    [InlineData(">quoted\ncontinued", "> quoted\n> continued")]
    [InlineData("One  \r\nTwo\t\r\n\r\n", "One\nTwo")]
    [InlineData("{code}\n    <manifest>\n        <!-- entries -->\n    </manifest>", "{code}\n    <manifest>\n    <!-- entries -->\n    </manifest>")]
    public void Normalize_RewritesToCanonicalStyle(string markdown, string expected)
    {
        Assert.Equal(expected, CanonicalMarkdown.Normalize(markdown));
    }

    [Theory]
    [InlineData("Use `The Top Row` for *this*")]
    [InlineData("snake_case and a * b and issue #12")]
    [InlineData("- [ ] open task\n- [x] done task")]
    [InlineData("| a | b |\n| --- | --- |\n| 1 | 2 |")]
    [InlineData("<!-- template comment -->\n\nText")]
    [InlineData("Escaped \\*stars\\* stay literal")]
    [InlineData("AT&T and &amp; and x < y")]
    public void Normalize_KeepsCanonicalText(string markdown)
    {
        Assert.Equal(markdown, CanonicalMarkdown.Normalize(markdown));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t\n")]
    public void Normalize_EmptyIsNull(string? markdown)
    {
        Assert.Null(CanonicalMarkdown.Normalize(markdown));
    }

    [Theory]
    [MemberData(nameof(RealIssueBodies.Indexes), MemberType = typeof(RealIssueBodies))]
    public void Normalize_RealBodyIsIdempotent(int index)
    {
        var once = CanonicalMarkdown.Normalize(RealIssueBodies.All[index]);

        Assert.Equal(once, CanonicalMarkdown.Normalize(once));
    }

    [Theory]
    [MemberData(nameof(RealIssueBodies.Indexes), MemberType = typeof(RealIssueBodies))]
    public void Normalize_RealBodyKeepsItsWords(int index)
    {
        var body = RealIssueBodies.All[index];
        var canonical = CanonicalMarkdown.Normalize(body)!;

        foreach (var word in Words(body))
        {
            Assert.Contains(word, canonical, StringComparison.Ordinal);
        }
    }

    // Words of letters and digits only, which no markup or escaping changes.
    private static IEnumerable<string> Words(string text) =>
        text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.All(char.IsLetterOrDigit));
}
