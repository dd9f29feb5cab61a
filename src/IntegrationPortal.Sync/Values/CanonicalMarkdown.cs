using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace IntegrationPortal.Sync.Values;

/// <summary>
/// The canonical form of rich text: CommonMark, parsed with Markdig and written back in one fixed
/// style, so texts that differ only in how they spell the same structure compare equal. Headings
/// are ATX, bullets are "-" (or "*" next to another list), ordered items are numbered from their
/// start, code blocks are fenced and thematic breaks are "***". Links are inline, with reference
/// definitions resolved. Emphasis uses "*", and hard line breaks become plain ones. Lines end in LF
/// without trailing whitespace, with a blank line between blocks. HTML is kept as written.
/// Normalizing a canonical text returns it unchanged, except in the case below.
/// </summary>
/// <remarks>
/// NOTE: a literal "*" or "_" right beside an emphasis (as in "**#*#.b*") is escaped, which changes
/// the length of the sign run that CommonMark pairs, so such text can take a second normalization
/// to settle.
/// </remarks>
public static partial class CanonicalMarkdown
{
    /// <summary>Returns the canonical form of a Markdown text, or null when it is empty.</summary>
    public static string? Normalize(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return null;
        }

        var document = MarkdownSyntax.Parse(markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
        var text = TrimLineEnds(RenderContainer(document, tight: false));
        return text.Length == 0 ? null : text;
    }

    internal static string RenderContainer(ContainerBlock container, bool tight, char? previousBullet = null)
    {
        var parts = new List<string>();
        foreach (var block in container)
        {
            char? bullet = null;
            var text = block switch
            {
                ListBlock list => RenderList(list, previousBullet, out bullet),
                _ => RenderBlock(block),
            };

            previousBullet = bullet;
            if (text is not null)
            {
                parts.Add(text);
            }
        }

        return string.Join(tight ? "\n" : "\n\n", parts);
    }

    private static string? RenderBlock(Block block) => block switch
    {
        HeadingBlock heading => RenderHeading(heading),
        ParagraphBlock paragraph => RenderInlines(paragraph.Inline, inHeading: false),
        ThematicBreakBlock => "***",
        FencedCodeBlock fenced => MarkdownSyntax.FencedCode(CodeContent(fenced), FenceInfo(fenced)),
        CodeBlock code => MarkdownSyntax.FencedCode(CodeContent(code), string.Empty),
        HtmlBlock html => TrimTrailingEmptyLines(html.Lines.ToString()),
        QuoteBlock quote => Prefix(RenderContainer(quote, tight: false), "> ", "> ", ">"),

        // Reference definitions are dropped, because every link that uses one is written inline.
        LinkReferenceDefinitionGroup or LinkReferenceDefinition or BlankLineBlock => null,
        ContainerBlock other => RenderContainer(other, tight: false),
        LeafBlock leaf when leaf.Inline is not null => RenderInlines(leaf.Inline, inHeading: false),
        LeafBlock leaf => leaf.Lines.ToString(),
        _ => null,
    };

    private static string RenderHeading(HeadingBlock heading)
    {
        var marker = new string('#', heading.Level);
        var text = RenderInlines(heading.Inline, inHeading: true);

        // A heading ending in " #" would lose those signs as a closing sequence.
        var closing = ClosingSequencePattern().Match(text);
        if (closing.Success)
        {
            text = text.Insert(closing.Groups[1].Index, "\\");
        }

        return text.Length == 0 ? marker : $"{marker} {text}";
    }

    // Adjacent lists need different markers, or they would merge into one list when written.
    private static string RenderList(ListBlock list, char? previousBullet, out char? bullet)
    {
        var ordered = list.IsOrdered;
        char delimiter;
        if (ordered)
        {
            delimiter = previousBullet == '.' ? ')' : '.';
        }
        else
        {
            delimiter = previousBullet == '-' ? '*' : '-';
        }

        bullet = delimiter;

        var start = ordered && int.TryParse(list.OrderedStart, out var parsed) ? parsed : 1;
        var items = new List<string>();
        var index = 0;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = ordered ? $"{start + index}{delimiter}" : delimiter.ToString();
            // A list that starts an item shares its line, so it takes the other bullet: "- - -" would be a rule.
            var content = RenderContainer(item, tight: !list.IsLoose, previousBullet: delimiter);
            var indent = new string(' ', marker.Length + 1);
            items.Add(content.Length == 0 ? marker : Prefix(content, marker + " ", indent, string.Empty));
            index++;
        }

        return string.Join(list.IsLoose ? "\n\n" : "\n", items);
    }

    internal static string RenderInlines(ContainerInline? container, bool inHeading)
    {
        var output = new StringBuilder();
        if (container is not null)
        {
            AppendInlines(output, container, inHeading);
        }

        // Line breaks at the edges, or several in a row, would end the paragraph or add empty lines.
        return RepeatedBreakPattern().Replace(output.ToString(), "\n").Trim('\n');
    }

    private static void AppendInlines(StringBuilder output, ContainerInline container, bool inHeading)
    {
        var literal = new StringBuilder();
        AppendInlines(output, literal, container, inHeading);
        if (container.Parent is null)
        {
            TrimEndSpaces(literal);
        }

        FlushLiteral(output, literal);
    }

    private static void TrimEndSpaces(StringBuilder literal)
    {
        while (literal.Length > 0 && literal[^1] is ' ' or '\t')
        {
            literal.Length--;
        }
    }

    // Literal text is collected across neighbouring inlines and escaped as one run, because whether a
    // sign needs escaping depends on the characters around it.
    private static void AppendInlines(StringBuilder output, StringBuilder literal, ContainerInline container, bool inHeading)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline text:
                    literal.Append(text.Content.AsSpan());
                    break;

                // A heading is one line, so its line breaks are spaces within the text around them.
                case LineBreakInline when inHeading:
                    literal.Append(' ');
                    break;

                // A break that opens or closes an emphasis would leave its sign beside a line end, where
                // the sign no longer counts, so the break is dropped.
                case LineBreakInline when container is EmphasisInline && (inline.PreviousSibling is null || inline.NextSibling is null):
                    break;

                // Spaces before a line break are dropped from the output, so they must not decide escapes.
                case LineBreakInline:
                    TrimEndSpaces(literal);
                    FlushLiteral(output, literal);
                    output.Append('\n');
                    break;

                // An unmatched "[" or "![" stays a delimiter with the inlines after it as children.
                case DelimiterInline delimiter:
                    literal.Append(delimiter.ToLiteral());
                    AppendInlines(output, literal, delimiter, inHeading);
                    break;
                default:
                    FlushLiteral(output, literal);
                    AppendInline(output, inline, inHeading);
                    break;
            }
        }
    }

    private static void FlushLiteral(StringBuilder output, StringBuilder literal)
    {
        if (literal.Length == 0)
        {
            return;
        }

        var atLineStart = output.Length == 0 || output[^1] == '\n';
        output.Append(MarkdownSyntax.EscapeLiteral(literal.ToString(), atLineStart));
        literal.Clear();
    }

    private static void AppendInline(StringBuilder output, Inline inline, bool inHeading)
    {
        switch (inline)
        {
            case CodeInline code:
                output.Append(MarkdownSyntax.CodeSpan(code.Content));
                break;
            case EmphasisInline emphasis:
                var delimiter = new string(EmphasisChar(emphasis), emphasis.DelimiterCount);
                output.Append(delimiter);
                AppendInlines(output, emphasis, inHeading);
                output.Append(delimiter);
                break;
            case LinkInline link:
                output.Append(link.IsImage ? "![" : "[");
                AppendInlines(output, link, inHeading);
                output.Append("](").Append(MarkdownSyntax.Destination(link.Url ?? string.Empty))
                    .Append(MarkdownSyntax.Title(link.Title)).Append(')');
                break;
            case AutolinkInline autolink:
                output.Append('<').Append(autolink.Url).Append('>');
                break;
            // GitHub issues and Redmine both show every line break of a paragraph, so a hard break
            // (two trailing spaces or a backslash) is written as a plain one.
            case LineBreakInline:
                output.Append('\n');
                break;
            case HtmlInline html:
                // Some tags (a comment, <div>) at the start of a line would begin an HTML block; indented
                // by four spaces the line stays part of the paragraph.
                if (output.Length > 0 && output[^1] == '\n')
                {
                    output.Append("    ");
                }

                output.Append(html.Tag);
                break;
            case HtmlEntityInline entity:
                output.Append(entity.Original.ToString());
                break;
            case ContainerInline other:
                AppendInlines(output, other, inHeading);
                break;
            default:
                output.Append(inline.ToString());
                break;
        }
    }

    // "*" is the canonical emphasis sign, except where an emphasis contains, sits in or touches another
    // one: writing both with "*" could pair their signs differently, so the original sign stays.
    private static char EmphasisChar(EmphasisInline emphasis)
    {
        var nested = emphasis.Descendants<EmphasisInline>().Any()
            || emphasis.PreviousSibling is EmphasisInline
            || emphasis.NextSibling is EmphasisInline;
        for (var parent = emphasis.Parent; parent is not null && !nested; parent = parent.Parent)
        {
            nested = parent is EmphasisInline;
        }

        return nested ? emphasis.DelimiterChar : '*';
    }

    private static string CodeContent(LeafBlock code) => TrimTrailingEmptyLines(code.Lines.ToString());

    private static string FenceInfo(FencedCodeBlock fenced)
    {
        var info = fenced.Info ?? string.Empty;
        return string.IsNullOrEmpty(fenced.Arguments) ? info : $"{info} {fenced.Arguments}";
    }

    private static string TrimTrailingEmptyLines(string text)
    {
        var lines = text.Split('\n').ToList();
        while (lines.Count > 0 && lines[^1].Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines);
    }

    private static string Prefix(string text, string first, string rest, string empty)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var prefix = i == 0 ? first : rest;
            lines[i] = lines[i].Length == 0 && i > 0 ? empty : prefix + lines[i];
        }

        return string.Join('\n', lines);
    }

    private static string TrimLineEnds(string text) =>
        string.Join('\n', text.Split('\n').Select(line => line.TrimEnd())).Trim('\n');

    [GeneratedRegex(@"\n[ \t]*(?:\n[ \t]*)+")]
    private static partial Regex RepeatedBreakPattern();

    [GeneratedRegex(@"(?:^|\s)(#+)$")]
    private static partial Regex ClosingSequencePattern();
}
