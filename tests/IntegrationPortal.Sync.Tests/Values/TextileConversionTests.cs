using IntegrationPortal.Sync.Tests.Values.RealContent;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Sync.Tests.Values;

public sealed class TextileConversionTests
{
    [Theory]
    [InlineData("h2. Steps", "## Steps")]
    [InlineData("*bold* and _italic_", "**bold** and *italic*")]
    [InlineData("Call @run()@ first", "Call `run()` first")]
    [InlineData("Call <code>a@b</code> first", "Call `a@b` first")]
    [InlineData("* one\n* two\n** nested", "- one\n- two\n  - nested")]
    [InlineData("# first\n# second", "1. first\n2. second")]
    [InlineData("See \"the docs\":https://example.org/docs.", "See [the docs](https://example.org/docs).")]
    [InlineData("bq. Quoted text", "> Quoted text")]
    [InlineData("<pre><code class=\"ruby\">\nputs 1\n</code></pre>", "```ruby\nputs 1\n```")]
    [InlineData("<pre>\na < b\n\nc\n</pre>", "```\na < b\n\nc\n```")]
    [InlineData("bc. x = 1", "```\nx = 1\n```")]
    [InlineData("p(note). Plain", "Plain")]
    [InlineData("!https://example.org/a.png(chart)!", "![chart](https://example.org/a.png)")]
    [InlineData("---", "***")]
    [InlineData("snake_case a*b 2*3", "snake_case a\\*b 2\\*3")]
    [InlineData("|_. a |_. b |\n| 1 | 2 |", "|\\_. a |\\_. b |\n| 1 | 2 |")]
    [InlineData("\"no link\":!", "\"no link\":!")]
    public void ToCanonical_ReadsTextile(string textile, string expected)
    {
        Assert.Equal(expected, RichTextConverter.ToCanonical(textile, RichTextFormat.RedmineTextile));
    }

    [Theory]
    [InlineData("## Steps", "h2. Steps")]
    [InlineData("**bold** and *italic*", "*bold* and _italic_")]
    [InlineData("Call `run()` first", "Call @run()@ first")]
    [InlineData("- one\n  - nested\n- two", "* one\n** nested\n* two")]
    [InlineData("1. first\n2. second", "# first\n# second")]
    [InlineData("[the docs](https://example.org/docs)", "\"the docs\":https://example.org/docs")]
    [InlineData("> Quoted", "bq. Quoted")]
    [InlineData("```ruby\nputs 1\n```", "<pre><code class=\"ruby\">\nputs 1\n</code></pre>")]
    [InlineData("\\* not a list", "<notextile>* not a list</notextile>")]
    [InlineData("h2. is text here", "p. h2. is text here")]
    [InlineData("see [the docs](<>) here", "see the docs here")]
    [InlineData("see ![chart](<>) here", "see chart here")]
    public void FromCanonical_WritesTextile(string canonical, string expected)
    {
        Assert.Equal(expected, RichTextConverter.FromCanonical(canonical, RichTextFormat.RedmineTextile));
    }

    [Fact]
    public void InlineCode_StaysInlineThroughTextile()
    {
        const string markdown = "Set `keyboard.layout` in *Settings*, then run `adb logcat | grep ASK`.";

        var textile = RichTextConverter.FromCanonical(markdown, RichTextFormat.RedmineTextile);
        var back = RichTextConverter.ToCanonical(textile, RichTextFormat.RedmineTextile);

        Assert.Equal("Set @keyboard.layout@ in _Settings_, then run @adb logcat | grep ASK@.", textile);
        Assert.Equal(markdown, back);
    }

    [Fact]
    public void UnknownTextile_PassesThroughAsText()
    {
        const string textile = "Table:\n|a|b|\nfootnote[1] and %{color:red}red% and -struck-";

        var canonical = RichTextConverter.ToCanonical(textile, RichTextFormat.RedmineTextile);
        var back = RichTextConverter.FromCanonical(canonical, RichTextFormat.RedmineTextile);

        Assert.Equal(textile, back);
    }

    [Theory]
    [MemberData(nameof(RealIssueBodies.Indexes), MemberType = typeof(RealIssueBodies))]
    public void RealBody_IsStableAfterFirstRoundTrip(int index)
    {
        var first = RoundTrip(RichTextConverter.ToCanonical(RealIssueBodies.All[index], RichTextFormat.GitHubMarkdown));
        var second = RoundTrip(first);
        var third = RoundTrip(second);

        Assert.Equal(first, second);
        Assert.Equal(second, third);
    }

    [Theory]
    [MemberData(nameof(RealIssueBodies.JiraIndexes), MemberType = typeof(RealIssueBodies))]
    public void JiraText_AsTextile_IsStableAndKeepsWords(int index)
    {
        var text = RealIssueBodies.JiraDescriptions[index];

        var canonical = RichTextConverter.ToCanonical(text, RichTextFormat.RedmineTextile);
        var first = RoundTrip(canonical);

        Assert.Equal(first, RoundTrip(first));
        foreach (var word in text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(word => word.All(char.IsLetterOrDigit)))
        {
            Assert.Contains(word, first, StringComparison.Ordinal);
        }
    }

    private static string? RoundTrip(string? canonical) =>
        RichTextConverter.ToCanonical(
            RichTextConverter.FromCanonical(canonical, RichTextFormat.RedmineTextile),
            RichTextFormat.RedmineTextile);
}
