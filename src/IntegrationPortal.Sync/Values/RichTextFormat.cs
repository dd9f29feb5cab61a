namespace IntegrationPortal.Sync.Values;

/// <summary>The markup a tool stores rich text in.</summary>
public enum RichTextFormat
{
    /// <summary>GitHub Flavored Markdown, as in GitHub issue bodies.</summary>
    GitHubMarkdown,

    /// <summary>Textile, Redmine's default text formatting.</summary>
    RedmineTextile,

    /// <summary>Redmine's "Markdown" (Redcarpet) or "CommonMark Markdown" text formatting.</summary>
    RedmineMarkdown,
}

/// <summary>
/// Converts rich text between a tool's markup and canonical Markdown (<see cref="CanonicalMarkdown"/>).
/// Converting a canonical value to a tool's markup and back gives a canonical value again, and
/// after the first round trip every further round trip returns the same value.
/// </summary>
public static class RichTextConverter
{
    /// <summary>Reads a tool's text into canonical Markdown, or null when it is empty.</summary>
    public static string? ToCanonical(string? text, RichTextFormat format)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return format switch
        {
            RichTextFormat.GitHubMarkdown or RichTextFormat.RedmineMarkdown => CanonicalMarkdown.Normalize(text),
            RichTextFormat.RedmineTextile => CanonicalMarkdown.Normalize(TextileReader.Read(text)),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "The rich text format is not supported."),
        };
    }

    /// <summary>Writes canonical Markdown in a tool's markup, or returns null when it is empty.</summary>
    public static string? FromCanonical(string? canonical, RichTextFormat format)
    {
        var markdown = CanonicalMarkdown.Normalize(canonical);
        if (markdown is null)
        {
            return null;
        }

        // NOTE: Redmine's older "Markdown" setting renders with Redcarpet, which differs from
        // CommonMark in corner cases; canonical Markdown is written to it unchanged.
        return format switch
        {
            RichTextFormat.GitHubMarkdown or RichTextFormat.RedmineMarkdown => markdown,
            RichTextFormat.RedmineTextile => TextileWriter.Write(markdown),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "The rich text format is not supported."),
        };
    }
}
