using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationPortal.Sync.Values;

/// <summary>
/// Canonical dates and timestamps. A date is a calendar day written yyyy-MM-dd. A timestamp is an
/// instant written in ISO 8601 in UTC (yyyy-MM-ddTHH:mm:ssZ, with a fraction only when it is not zero).
/// </summary>
public static partial class CalendarValues
{
    /// <summary>
    /// Returns the canonical date of a value, or null when it is not a date. A value with a time of
    /// day keeps the calendar day written in it, whatever its offset, so "2026-03-01T23:30:00-05:00"
    /// is 2026-03-01. It is never converted to UTC, because a tool that stores a date as midnight in
    /// its own zone would then move the date by one day.
    /// </summary>
    public static string? NormalizeDate(string value)
    {
        var match = DatePrefixPattern().Match(value.Trim());
        if (!match.Success)
        {
            return null;
        }

        return DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>
    /// Returns the canonical UTC form of a timestamp, or null when it is not one. A timestamp
    /// without an offset is taken as UTC, as the tools we read from send UTC.
    /// </summary>
    public static string? NormalizeTimestamp(string value)
    {
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, styles, out var parsed)
            ? FormatTimestamp(parsed)
            : null;
    }

    /// <summary>Writes an instant in the canonical timestamp form.</summary>
    public static string FormatTimestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    // A date, then optionally a time of day and an offset, which are ignored for the date.
    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ][0-9:.,]+(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DatePrefixPattern();
}
