using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;

namespace IntegrationPortal.Sync.Values;

/// <summary>
/// Parsing and the escaping rules shared by the canonical Markdown writer and the converters that
/// produce Markdown, so that every path writes a given text the same way.
/// </summary>
internal static partial class MarkdownSyntax
{
    // Plain CommonMark: GitHub's extensions (tables, task lists, strikethrough) are kept as text, which
    // round-trips them unchanged without a renderer for each.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    /// <summary>
    /// Escapes literal text so that it parses back as the same text and nothing else. Characters are
    /// escaped only where they could start markup, so ordinary prose (snake_case, a * b, issue #12,
    /// task boxes like [ ]) stays readable.
    /// </summary>
    public static string EscapeLiteral(string text, bool atLineStart)
    {
        // Literal text can hold a line ending (Markdig keeps some inside unmatched delimiters), and
        // each line then needs the line start rules.
        if (text.Contains('\n', StringComparison.Ordinal))
        {
            var lines = text.Split('\n');
            return string.Join('\n', lines.Select((line, i) => EscapeLiteral(line, atLineStart || i > 0)));
        }

        var output = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (NeedsEscape(text, i))
            {
                output.Append('\\');
            }

            output.Append(c);
        }

        var escaped = output.ToString();
        return atLineStart ? EscapeLineStart(escaped) : escaped;
    }

    /// <summary>Escapes every ASCII punctuation character, for converters whose output is canonicalized afterwards.</summary>
    public static string EscapeAllPunctuation(string text)
    {
        var output = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c > 127 || !char.IsPunctuation(c) && !char.IsSymbol(c))
            {
                output.Append(c);
                continue;
            }

            output.Append('\\').Append(c);
        }

        return output.ToString();
    }

    /// <summary>Writes a code span whose fence is longer than any backtick run in the content.</summary>
    public static string CodeSpan(string content)
    {
        var fence = new string('`', LongestRun(content, '`') + 1);
        var pad = content.StartsWith('`') || content.EndsWith('`')
            || (content.Length > 1 && content[0] == ' ' && content[^1] == ' ' && content.Trim().Length > 0);
        return pad ? $"{fence} {content} {fence}" : $"{fence}{content}{fence}";
    }

    /// <summary>Writes a fenced code block; the fence is longer than any backtick run in the content.</summary>
    public static string FencedCode(string content, string info)
    {
        var fenceChar = info.Contains('`', StringComparison.Ordinal) ? '~' : '`';
        var fence = new string(fenceChar, Math.Max(3, LongestRun(content, fenceChar) + 1));
        return content.Length == 0 ? $"{fence}{info}\n{fence}" : $"{fence}{info}\n{content}\n{fence}";
    }

    /// <summary>Writes a link or image destination, in angle brackets when it has spaces or brackets.</summary>
    public static string Destination(string url)
    {
        var escaped = EscapeBackslashes(url);
        if (url.Length == 0 || url.IndexOfAny([' ', '(', ')', '<', '>', '\t']) >= 0)
        {
            return "<" + escaped.Replace("<", "\\<", StringComparison.Ordinal).Replace(">", "\\>", StringComparison.Ordinal) + ">";
        }

        return escaped;
    }

    /// <summary>Writes a link title in double quotes, or nothing when there is no title.</summary>
    public static string Title(string? title) =>
        string.IsNullOrEmpty(title)
            ? string.Empty
            : " \"" + EscapeBackslashes(title).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string EscapeBackslashes(string text)
    {
        var output = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            output.Append(text[i]);
            if (text[i] == '\\' && (i + 1 == text.Length || char.IsAsciiLetterOrDigit(text[i + 1]) is false))
            {
                output.Append('\\');
            }
        }

        return output.ToString();
    }

    private static bool NeedsEscape(string text, int i)
    {
        var c = text[i];
        var previous = i > 0 ? text[i - 1] : '\0';
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        return c switch
        {
            '`' => true,
            '\\' => next == '\0' || IsAsciiPunctuation(next),
            '*' => !(char.IsWhiteSpace(previous) && char.IsWhiteSpace(next)),
            '_' => !(char.IsLetterOrDigit(previous) && char.IsLetterOrDigit(next))
                && !(char.IsWhiteSpace(previous) && char.IsWhiteSpace(next)),
            '[' => !IsTaskBox(text, i),
            ']' => !IsTaskBox(text, i - 2),
            '<' => next == '\0' || char.IsAsciiLetter(next) || next is '/' or '!' or '?',
            '&' => EntityPattern().IsMatch(text.AsSpan(i)),
            _ => false,
        };
    }

    // "[ ]", "[x]" and "[X]" not followed by a link destination or label are GitHub task boxes.
    private static bool IsTaskBox(string text, int start)
    {
        if (start < 0 || start + 2 >= text.Length || text[start] != '[' || text[start + 2] != ']')
        {
            return false;
        }

        var mark = text[start + 1];
        var after = start + 3 < text.Length ? text[start + 3] : '\0';
        return mark is ' ' or 'x' or 'X' && after is not ('(' or '[' or ':');
    }

    private static string EscapeLineStart(string line)
    {
        if (BlockStartPattern().IsMatch(line))
        {
            return "\\" + line;
        }

        var ordered = OrderedMarkerPattern().Match(line);
        return ordered.Success ? line.Insert(ordered.Groups[1].Length, "\\") : line;
    }

    private static bool IsAsciiPunctuation(char c) => c < 128 && (char.IsPunctuation(c) || char.IsSymbol(c));

    private static int LongestRun(string text, char c)
    {
        int longest = 0, current = 0;
        foreach (var ch in text)
        {
            current = ch == c ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }

    [GeneratedRegex(@"^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex EntityPattern();

    // Headings, quotes, bullets, setext underlines and tilde fences that a line could start by accident.
    [GeneratedRegex(@"^(#{1,6}(\s|$)|>|[-+](\s|$)|=+\s*$|-+\s*$|~~~)")]
    private static partial Regex BlockStartPattern();

    [GeneratedRegex(@"^([0-9]{1,9})[.)](\s|$)")]
    private static partial Regex OrderedMarkerPattern();
}
