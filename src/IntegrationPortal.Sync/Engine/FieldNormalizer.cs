using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

/// <summary>
/// Brings canonical field values to one form per <see cref="FieldKind"/>, so that values that only
/// look different (line endings, trailing spaces, label order) compare equal. An empty result is null.
/// </summary>
public static class FieldNormalizer
{
    /// <summary>
    /// Normalizes <paramref name="value"/> for its kind. Text is trimmed and gets LF line endings.
    /// RichText gets LF line endings, with trailing whitespace removed from each line and from the end.
    /// Choice is trimmed and otherwise exact. Labels are split on commas, trimmed, de-duplicated,
    /// sorted by ordinal and joined with ", ".
    /// </summary>
    public static string? Normalize(string? value, FieldKind kind)
    {
        if (value is null)
        {
            return null;
        }

        var normalized = kind switch
        {
            FieldKind.Text => ToLineFeeds(value).Trim(),
            FieldKind.RichText => NormalizeRichText(value),
            FieldKind.Choice => value.Trim(),
            FieldKind.Labels => NormalizeLabels(value),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The field kind is not supported by the normalizer."),
        };

        return normalized.Length == 0 ? null : normalized;
    }

    private static string ToLineFeeds(string value) =>
        value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string NormalizeRichText(string value)
    {
        var lines = ToLineFeeds(value).Split('\n').Select(line => line.TrimEnd());
        return string.Join('\n', lines).TrimEnd();
    }

    private static string NormalizeLabels(string value)
    {
        var labels = value
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        return string.Join(", ", labels);
    }
}
