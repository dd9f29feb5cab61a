using System.Text.RegularExpressions;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Connectors.CreateTokens;

/// <summary>
/// Stores a sync create token on an item as an HTML comment at the end of its description, and
/// removes it again when the description is read, so the token never reaches a synced value.
/// GitHub's Markdown and Redmine's Textile and CommonMark formatters do not render the comment
/// (the Redmine ones checked on Redmine 5.0.4).
/// </summary>
/// <remarks>
/// NOTE: Redmine's legacy "Markdown" formatter (Redcarpet, deprecated since Redmine 5.0) escapes
/// HTML, so there the comment shows as text at the end of the description until the next sync
/// write replaces the description.
/// </remarks>
internal static partial class CreateTokenMarker
{
    private const string Prefix = "<!-- integrationportal:create-token=";
    private const string Suffix = " -->";

    /// <summary>Returns the description with the token's marker after a blank line.</summary>
    public static string Append(string? description, string createToken, string call)
    {
        if (!TokenPattern().IsMatch(createToken))
        {
            throw new ConnectorException(
                $"Call {call} failed: create token '{createToken}' is invalid; use 1 to 64 letters, digits, '-' or '_'.");
        }

        var marker = Prefix + createToken + Suffix;
        return string.IsNullOrEmpty(description) ? marker : description + "\n\n" + marker;
    }

    /// <summary>
    /// Returns the description without its marker, and the token it contained, or the description
    /// unchanged and a null token when it has none. A marker followed by text is replaced by a blank line.
    /// </summary>
    public static string? Strip(string? description, out string? createToken)
    {
        createToken = null;
        if (description is null)
        {
            return null;
        }

        var match = MarkerPattern().Match(description);
        if (match.Success)
        {
            createToken = match.Groups["token"].Value;
            return description[..match.Index];
        }

        // A person who edits the raw description can see the marker and may write below it.
        var inner = InnerMarkerPattern().Match(description);
        if (!inner.Success)
        {
            return description;
        }

        createToken = inner.Groups["token"].Value;
        var before = description[..inner.Index];
        var after = description[(inner.Index + inner.Length)..];
        return before.Length == 0 ? after : before + "\n\n" + after;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    // Redmine stores line breaks as CRLF, so the whitespace before and after the marker is matched loosely.
    [GeneratedRegex(@"\s*<!-- integrationportal:create-token=(?<token>[A-Za-z0-9_-]{1,64}) -->\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"\s*<!-- integrationportal:create-token=(?<token>[A-Za-z0-9_-]{1,64}) -->\s*", RegexOptions.CultureInvariant)]
    private static partial Regex InnerMarkerPattern();
}
