using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Sync.Engine;

/// <summary>
/// Brings canonical field values to one form per <see cref="FieldKind"/>, so that values that only
/// look different (Markdown spelling, label order, time zones, e-mail case) compare equal. An empty
/// result is null.
/// </summary>
public static class FieldNormalizer
{
    /// <summary>
    /// Normalizes <paramref name="value"/> for its kind. Text is trimmed and gets LF line endings.
    /// RichText is parsed as Markdown and written in its canonical form (<see cref="CanonicalMarkdown"/>).
    /// Choice is trimmed and otherwise exact. Labels are split on commas (see <see cref="LabelSet"/>), trimmed, de-duplicated,
    /// sorted by ordinal and joined with ", ". Date is yyyy-MM-dd of the day written in the value,
    /// Timestamp is ISO 8601 in UTC, and User is a lower-case e-mail address or an unmapped user.
    /// A Date or Timestamp that does not parse is kept trimmed, so it still compares as text and the
    /// target tool reports it when it is written.
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
            FieldKind.RichText => CanonicalMarkdown.Normalize(value) ?? string.Empty,
            FieldKind.Choice => value.Trim(),
            FieldKind.Labels => NormalizeLabels(value),
            FieldKind.Date => CalendarValues.NormalizeDate(value) ?? value.Trim(),
            FieldKind.Timestamp => CalendarValues.NormalizeTimestamp(value) ?? value.Trim(),
            FieldKind.User => UserValues.Normalize(value),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The field kind is not supported by the normalizer."),
        };

        return normalized.Length == 0 ? null : normalized;
    }

    private static string ToLineFeeds(string value) =>
        value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string NormalizeLabels(string value) => LabelSet.Join(LabelSet.Split(value)) ?? string.Empty;
}
