using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace IntegrationPortal.Sync.Values;

/// <summary>
/// Writes canonical Markdown as Redmine Textile: headings as "hN.", emphasis as *bold* and
/// _italic_, code spans as @code@, code blocks as &lt;pre&gt;, lists as "*" and "#" lines, quotes
/// as "bq.", links as "text":url, images as !url(alt)!. What Textile cannot express is written as
/// its text, so nothing is dropped: list items become one line each, a quote keeps only its
/// paragraphs as quotes, and link titles and the start number of an ordered list are lost.
/// </summary>
internal static class TextileWriter
{
    public static string Write(string canonicalMarkdown)
    {
        var document = MarkdownSyntax.Parse(canonicalMarkdown);
        return string.Join("\n\n", Blocks(document)).Trim('\n');
    }

    private static IEnumerable<string> Blocks(ContainerBlock container)
    {
        foreach (var block in container)
        {
            var text = Block(block);
            if (text is not null)
            {
                yield return text;
            }
        }
    }

    private static string? Block(Block block) => block switch
    {
        HeadingBlock heading => $"h{heading.Level}. {Inlines(heading.Inline)}",
        ParagraphBlock paragraph => Paragraph(Inlines(paragraph.Inline)),
        ThematicBreakBlock => "---",
        FencedCodeBlock fenced => Pre(fenced.Lines.ToString(), fenced.Info),
        CodeBlock code => Pre(code.Lines.ToString(), null),
        HtmlBlock html => Paragraph(html.Lines.ToString()),
        QuoteBlock quote => string.Join("\n\n", quote.Select(Quoted).Where(text => text is not null)),
        ListBlock list => string.Join('\n', ListLines(list, string.Empty)),
        LinkReferenceDefinitionGroup or LinkReferenceDefinition or BlankLineBlock => null,
        ContainerBlock other => string.Join("\n\n", Blocks(other)),
        LeafBlock leaf => Paragraph(leaf.Inline is null ? leaf.Lines.ToString() : Inlines(leaf.Inline)),
        _ => null,
    };

    private static string? Quoted(Block block) =>
        block is ParagraphBlock paragraph ? "bq. " + Inlines(paragraph.Inline) : Block(block);

    // A paragraph that starts like a Textile block signature or list gets an explicit "p. ".
    private static string Paragraph(string text) =>
        TextileReader.StartsLikeBlock(text) ? "p. " + text : text;

    private static string Pre(string content, string? language)
    {
        var trimmed = content.TrimEnd('\n');
        return string.IsNullOrWhiteSpace(language)
            ? $"<pre>\n{trimmed}\n</pre>"
            : $"<pre><code class=\"{language.Trim()}\">\n{trimmed}\n</code></pre>";
    }

    private static IEnumerable<string> ListLines(ListBlock list, string parentMarkers)
    {
        var markers = parentMarkers + (list.IsOrdered ? "#" : "*");
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var text = new List<string>();
            var nested = new List<string>();
            foreach (var child in item)
            {
                if (child is ListBlock sublist)
                {
                    nested.AddRange(ListLines(sublist, markers));
                }
                else if (child is ParagraphBlock paragraph)
                {
                    text.Add(Inlines(paragraph.Inline).Replace('\n', ' '));
                }
                else if (Block(child) is { } childText)
                {
                    // A Textile list item is one line, so further blocks of the item join it.
                    text.Add(childText.Replace('\n', ' '));
                }
            }

            yield return $"{markers} {string.Join(' ', text)}".TrimEnd();
            foreach (var line in nested)
            {
                yield return line;
            }
        }
    }

    private static string Inlines(ContainerInline? container)
    {
        var output = new StringBuilder();
        if (container is not null)
        {
            AppendInlines(output, container);
        }

        return output.ToString();
    }

    private static void AppendInlines(StringBuilder output, ContainerInline container)
    {
        var literal = new StringBuilder();
        AppendInlines(output, literal, container);
        FlushLiteral(output, literal);
    }

    private static void AppendInlines(StringBuilder output, StringBuilder literal, ContainerInline container)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline text:
                    literal.Append(text.Content.AsSpan());
                    break;
                case DelimiterInline delimiter:
                    literal.Append(delimiter.ToLiteral());
                    AppendInlines(output, literal, delimiter);
                    break;
                case LinkInline link when string.IsNullOrWhiteSpace(link.Url):
                    // Textile has no link or image without a destination, so only the text is kept.
                    AppendInlines(output, literal, link);
                    break;
                default:
                    FlushLiteral(output, literal);
                    AppendInline(output, inline);
                    break;
            }
        }
    }

    private static void AppendInline(StringBuilder output, Inline inline)
    {
        switch (inline)
        {
            case CodeInline code:
                output.Append(CanUseAtSigns(output, code.Content) ? $"@{code.Content}@" : $"<code>{code.Content}</code>");
                break;
            case EmphasisInline emphasis:
                var sign = emphasis.DelimiterCount >= 2 ? '*' : '_';
                output.Append(sign);
                AppendInlines(output, emphasis);
                output.Append(sign);
                break;
            case LinkInline { IsImage: true } image:
                var alt = Inlines(image);
                output.Append('!').Append(image.Url).Append(alt.Length > 0 ? $"({alt})" : string.Empty).Append('!');
                break;
            case LinkInline link:
                output.Append('"');
                AppendInlines(output, link);
                output.Append("\":").Append(link.Url);
                break;
            case AutolinkInline autolink:
                output.Append(autolink.Url);
                break;
            case LineBreakInline:
                output.Append('\n');
                break;
            case HtmlInline html:
                output.Append(html.Tag);
                break;
            case HtmlEntityInline entity:
                output.Append(entity.Original.ToString());
                break;
            case ContainerInline other:
                AppendInlines(output, other);
                break;
            default:
                output.Append(inline.ToString());
                break;
        }
    }

    // "@code@" is the usual Textile form, but Redmine reads it only at the start of a word and without
    // "@" or edge spaces in the code; elsewhere the <code> tag is written.
    private static bool CanUseAtSigns(StringBuilder output, string content) =>
        content.Length > 0
        && !content.Contains('@', StringComparison.Ordinal)
        && !char.IsWhiteSpace(content[0])
        && !char.IsWhiteSpace(content[^1])
        && (output.Length == 0 || !char.IsLetterOrDigit(output[^1]));

    // Literal text that Textile would read as markup is wrapped in <notextile>, which Redmine shows as is.
    private static void FlushLiteral(StringBuilder output, StringBuilder literal)
    {
        if (literal.Length == 0)
        {
            return;
        }

        var text = literal.ToString();
        literal.Clear();

        // A word right after "@code@" would stop Textile from reading the code.
        var touchesCode = output.Length > 0 && output[^1] == '@' && char.IsLetterOrDigit(text[0]);
        if (!touchesCode && !TextileInline.MayReadAsMarkup(text))
        {
            output.Append(text);
            return;
        }

        // Spaces stay outside, so the wrapper never touches a link's URL or markup before it.
        var core = text.Trim();
        var leading = text[..(text.Length - text.TrimStart().Length)];
        var trailing = text[(leading.Length + core.Length)..];
        output.Append(leading).Append("<notextile>").Append(core).Append("</notextile>").Append(trailing);
    }
}
