using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationPortal.Sync.Values;

/// <summary>
/// Reads Redmine Textile into Markdown that <see cref="CanonicalMarkdown"/> then normalizes. It
/// understands headings (hN.), paragraphs (p.), quotes (bq.), code (bc., &lt;pre&gt;, @code@,
/// &lt;code&gt;), bold and italic, "*" and "#" lists, links ("text":url), images (!url(alt)!) and
/// "---" rules. Block attributes such as p(class). or h2{color:red}. are dropped. Everything else
/// (tables, footnotes, spans, inline HTML) is kept as literal text, so no text is lost.
/// </summary>
internal static partial class TextileReader
{
    public static string Read(string textile)
    {
        var lines = textile.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var blocks = new List<string>();
        var index = 0;
        var alternateMarkers = false;
        while (index < lines.Length)
        {
            if (lines[index].Trim().Length == 0)
            {
                index++;
                continue;
            }

            if (lines[index].TrimStart().StartsWith("<pre", StringComparison.OrdinalIgnoreCase))
            {
                blocks.Add(ReadPre(lines, ref index));
                alternateMarkers = false;
                continue;
            }

            var block = CollectBlock(lines, ref index);
            if (IsList(block))
            {
                // Adjacent Markdown lists with the same markers would merge into one list.
                blocks.Add(ReadList(block, alternateMarkers));
                alternateMarkers = !alternateMarkers;
                continue;
            }

            blocks.Add(ReadBlock(block));
            alternateMarkers = false;
        }

        return string.Join("\n\n", blocks);
    }

    /// <summary>Returns true when a paragraph starting with this text would be read as another Textile block.</summary>
    internal static bool StartsLikeBlock(string text) =>
        SignaturePattern().IsMatch(text) || ListLinePattern().IsMatch(text) || RulePattern().IsMatch(text)
        || text.TrimStart().StartsWith("<pre", StringComparison.OrdinalIgnoreCase);

    private static List<string> CollectBlock(string[] lines, ref int index)
    {
        var block = new List<string>();
        while (index < lines.Length && lines[index].Trim().Length > 0)
        {
            block.Add(lines[index].TrimEnd());
            index++;
        }

        return block;
    }

    private static string ReadPre(string[] lines, ref int index)
    {
        var content = new StringBuilder();
        var first = true;
        while (index < lines.Length)
        {
            var line = lines[index++];
            content.Append(first ? string.Empty : "\n").Append(line);
            first = false;
            if (line.Contains("</pre>", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }
        }

        var match = PrePattern().Match(content.ToString());
        if (!match.Success)
        {
            // An unclosed <pre> stays text.
            return MarkdownSyntax.EscapeAllPunctuation(content.ToString());
        }

        var code = match.Groups["code"].Value.Trim('\n');
        return MarkdownSyntax.FencedCode(code, match.Groups["lang"].Value);
    }

    private static string ReadBlock(List<string> lines)
    {
        var signature = SignaturePattern().Match(lines[0]);
        if (signature.Success)
        {
            var rest = new List<string> { lines[0][signature.Length..] };
            rest.AddRange(lines.Skip(1));
            var kind = signature.Groups["kind"].Value;
            return kind switch
            {
                "bq" => string.Join('\n', InlineLines(rest).Select(line => "> " + line)),
                "bc" => MarkdownSyntax.FencedCode(string.Join('\n', rest), string.Empty),
                "p" => string.Join('\n', InlineLines(rest)),
                _ => new string('#', kind[1] - '0') + " " + string.Join(' ', InlineLines(rest)),
            };
        }

        if (lines.Count == 1 && RulePattern().IsMatch(lines[0]))
        {
            return "***";
        }

        return string.Join('\n', InlineLines(lines));
    }

    private static bool IsList(List<string> lines) =>
        !SignaturePattern().IsMatch(lines[0]) && ListLinePattern().IsMatch(lines[0]);

    private static IEnumerable<string> InlineLines(IEnumerable<string> lines) =>
        lines.Select(line => TextileInline.ToMarkdown(line.Trim()));

    // Each item gets a Markdown marker indented under its parent. A line without a marker joins the
    // item above it, because the writer puts each item on one line. An empty item shares its line
    // with the first item nested in it, as the canonical form writes it, because an empty marker on
    // its own line under a paragraph would read as a heading underline.
    private static string ReadList(List<string> lines, bool alternateMarkers)
    {
        var output = new List<string>();
        var stack = new List<(int Depth, int Width)>();
        string? emptyItem = null;
        var emptyItemDepth = 0;
        foreach (var line in lines)
        {
            var match = ListLinePattern().Match(line);
            if (!match.Success)
            {
                if (emptyItem is not null)
                {
                    output.Add(emptyItem.TrimEnd());
                    emptyItem = null;
                }

                var continued = TextileInline.ToMarkdown(line.Trim());
                if (output.Count == 0)
                {
                    output.Add(continued);
                    continue;
                }

                output[^1] += " " + continued;
                continue;
            }

            var markers = match.Groups["markers"].Value;
            while (stack.Count > 0 && stack[^1].Depth >= markers.Length)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            var indent = new string(' ', stack.Sum(level => level.Width));
            if (emptyItem is not null)
            {
                indent = emptyItem.Length == indent.Length ? emptyItem : indent;
                if (!ReferenceEquals(indent, emptyItem) && (emptyItemDepth <= 1 || output.Count == 0))
                {
                    output.Add(emptyItem.TrimEnd());
                }

                emptyItem = null;
            }

            var marker = ListMarker(markers, alternateMarkers);
            var text = TextileInline.ToMarkdown(line[match.Length..].Trim());
            stack.Add((markers.Length, marker.Length + 1));
            if (text.Length == 0)
            {
                emptyItem = $"{indent}{marker} ";
                emptyItemDepth = markers.Length;
                continue;
            }

            output.Add($"{indent}{marker} {text}");
        }

        // An empty nested item cannot follow a line of text in Markdown, so one without items of its own
        // is dropped. It has no text to lose.
        if (emptyItem is not null && (emptyItemDepth <= 1 || output.Count == 0))
        {
            output.Add(emptyItem.TrimEnd());
        }

        return string.Join('\n', output);
    }

    // A nested bullet is "+", because an empty "-" item under a line of text would read as a
    // heading underline.
    private static string ListMarker(string markers, bool alternateMarkers) => markers[^1] switch
    {
        '#' => alternateMarkers ? "1)" : "1.",
        _ when markers.Length > 1 => "+",
        _ => alternateMarkers ? "*" : "-",
    };

    private const string Attributes = @"(?:\([^)]*\)|\{[^}]*\}|\[[^\]]*\]|[<>=]+)*";

    [GeneratedRegex(@"^(?<kind>h[1-6]|bq|bc|p)" + Attributes + @"\.\s+")]
    private static partial Regex SignaturePattern();

    [GeneratedRegex(@"^(?<markers>[*#]+)(?:\s+|$)")]
    private static partial Regex ListLinePattern();

    [GeneratedRegex(@"^\s*-{3,}\s*$")]
    private static partial Regex RulePattern();

    [GeneratedRegex(@"^\s*<pre[^>]*>\s*(?:<code(?:\s+class=""(?<lang>[^""]*)"")?[^>]*>)?(?<code>.*?)(?:</code>)?\s*</pre>\s*$",
        RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PrePattern();
}
