using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationPortal.Sync.Values;

/// <summary>
/// Converts one line of Textile inline markup to Markdown: @code@ and &lt;code&gt;, *bold* and
/// **bold**, _italic_ and __italic__, "text":url links and !url(alt)! images. Other text has every
/// punctuation sign escaped, which the canonical writer later reduces to the escapes it needs.
/// </summary>
internal static partial class TextileInline
{
    private const char HiddenStart = '\uE000';
    private const char HiddenEnd = '\uE001';

    public static string ToMarkdown(string line)
    {
        // <notextile> parts are set aside first, so no markup sign inside them can close markup outside.
        var hidden = new List<string>();
        var masked = NotextilePattern().Replace(line, match =>
        {
            hidden.Add(match.Groups["text"].Value);
            return $"{HiddenStart}{hidden.Count - 1}{HiddenEnd}";
        });

        var markdown = Convert(masked);
        return hidden.Count == 0
            ? markdown
            : HiddenPattern().Replace(markdown, match =>
                MarkdownSyntax.EscapeAllPunctuation(hidden[int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture)]));
    }

    private static string Convert(string line)
    {
        var output = new StringBuilder();
        var literal = new StringBuilder();
        var position = 0;
        while (position < line.Length)
        {
            var token = MatchToken(line, position);
            if (token is null)
            {
                literal.Append(line[position]);
                position++;
                continue;
            }

            output.Append(MarkdownSyntax.EscapeAllPunctuation(literal.ToString()));
            literal.Clear();
            output.Append(token.Value.Markdown);
            position += token.Value.Length;
        }

        output.Append(MarkdownSyntax.EscapeAllPunctuation(literal.ToString()));
        return output.ToString();
    }

    /// <summary>
    /// Returns true when literal text could be read as Textile markup, alone or together with the
    /// markup around it: signs that open or close code, emphasis, links or images, and the tags and
    /// signs that Redmine treats specially.
    /// </summary>
    public static bool MayReadAsMarkup(string text)
    {
        if (NotextileNeededPattern().IsMatch(text))
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (MatchToken(text, i) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static (string Markdown, int Length)? MatchToken(string line, int position)
    {

        var rest = line[position..];
        var tag = CodeTagPattern().Match(rest);
        if (tag.Success)
        {
            return (MarkdownSyntax.CodeSpan(tag.Groups["code"].Value), tag.Length);
        }

        // Other markup opens only at the start of a word, as in Redmine's Textile.
        if (position > 0 && char.IsLetterOrDigit(line[position - 1]))
        {
            return null;
        }

        var code = CodePattern().Match(rest);
        if (code.Success)
        {
            return (MarkdownSyntax.CodeSpan(code.Groups["code"].Value), code.Length);
        }

        // A "text": followed only by punctuation has no destination, so it stays text.
        var link = LinkPattern().Match(rest);
        var (url, length) = link.Success ? TrimUrl(link.Groups["url"].Value, link.Length) : (string.Empty, 0);
        if (url.Length > 0)
        {
            return ($"[{Convert(link.Groups["text"].Value)}]({MarkdownSyntax.Destination(url)})", length);
        }

        var image = ImagePattern().Match(rest);
        if (image.Success)
        {
            var alt = MarkdownSyntax.EscapeAllPunctuation(image.Groups["alt"].Value);
            return ($"![{alt}]({MarkdownSyntax.Destination(image.Groups["url"].Value)})", image.Length);
        }

        var emphasis = EmphasisPattern().Match(rest);
        if (emphasis.Success)
        {
            var sign = emphasis.Groups["sign"].Value[0] == '*' ? "**" : "*";
            return ($"{sign}{Convert(emphasis.Groups["text"].Value)}{sign}", emphasis.Length);
        }

        return null;
    }

    // Sentence punctuation right after a URL is read as text, not as part of the link.
    private static (string Url, int Length) TrimUrl(string url, int length)
    {
        var trimmed = url.TrimEnd('.', ',', ';', ':', '!', '?');
        return (trimmed, length - (url.Length - trimmed.Length));
    }

    [GeneratedRegex("\uE000(?<index>[0-9]+)\uE001")]
    private static partial Regex HiddenPattern();

    [GeneratedRegex(@"<notextile>(?<text>.*?)</notextile>", RegexOptions.IgnoreCase)]
    private static partial Regex NotextilePattern();

    // A sign at the start of a word that opens markup, a sign at the end of a word that could close
    // markup opened before the text, a link's "":"" or a special tag.
    [GeneratedRegex(@"(?:^|[^\p{L}\p{N}])[@*_!]\S|\S[@*_!](?:$|[^\p{L}\p{N}])|"":\S|^[@*_!""]|[@*_!""]$|<(?:code|notextile|pre)|==",
        RegexOptions.IgnoreCase)]
    private static partial Regex NotextileNeededPattern();

    [GeneratedRegex(@"^@(?<code>[^@\s](?:[^@]*[^@\s])?)@(?![\p{L}\p{N}])")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^<code>(?<code>.*?)</code>", RegexOptions.IgnoreCase)]
    private static partial Regex CodeTagPattern();

    [GeneratedRegex(@"^""(?<text>[^""]+)"":(?<url>[^\s""<>\uE000]+)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^!(?<url>[^\s!()]+)(?:\((?<alt>[^)]*)\))?!(?![\p{L}\p{N}])")]
    private static partial Regex ImagePattern();

    [GeneratedRegex(@"^(?<sign>\*\*|\*|__|_)(?!\s)(?!\k<sign>)(?!\.\s)(?<text>.+?)(?<!\s)\k<sign>(?![\p{L}\p{N}*_])")]
    private static partial Regex EmphasisPattern();
}
