using System.Diagnostics.CodeAnalysis;

namespace IntegrationPortal.Sync.Values;

/// <summary>
/// Canonical user values. A user is matched across tools by e-mail address, written trimmed and in
/// lower case. A user that a tool returns without an address (a GitHub user with a private e-mail,
/// a Redmine user who hides it from an API key without administrator rights) is written
/// <c>unmapped-user:TOOL:NAME</c>, with the tool and the user's name in it. That value is never
/// copied to another tool: the engine treats it like a value without a value map entry, and the
/// run gets a warning naming the user and the fix.
/// </summary>
public static class UserValues
{
    /// <summary>The prefix of an unmapped user. A colon is not valid in an unquoted e-mail address, so no address has it.</summary>
    public const string UnmappedPrefix = "unmapped-user:";

    /// <summary>Returns the canonical form of a user value: an unmapped user as it is, an e-mail address in lower case.</summary>
    public static string Normalize(string value)
    {
        var trimmed = value.Trim();
        return IsUnmapped(trimmed) ? trimmed : trimmed.ToLowerInvariant();
    }

    /// <summary>Builds the value of a user whose e-mail address the tool did not return.</summary>
    /// <param name="tool">The tool's display name, such as "GitHub".</param>
    /// <param name="name">The user's name in that tool, such as a login.</param>
    public static string Unmapped(string tool, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (tool.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Tool name '{tool}' must not contain a colon.", nameof(tool));
        }

        return $"{UnmappedPrefix}{tool.Trim()}:{name.Trim()}";
    }

    /// <summary>Returns true when a value is an unmapped user.</summary>
    public static bool IsUnmapped([NotNullWhen(true)] string? value) =>
        value is not null && value.TrimStart().StartsWith(UnmappedPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the tool and user name out of an unmapped user value.</summary>
    public static bool TryParseUnmapped(string? value, out string tool, out string name)
    {
        tool = name = string.Empty;
        if (!IsUnmapped(value))
        {
            return false;
        }

        var rest = value.Trim()[UnmappedPrefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == rest.Length - 1)
        {
            return false;
        }

        tool = rest[..colon];
        name = rest[(colon + 1)..];
        return true;
    }

    /// <summary>
    /// Builds the run warning for an unmapped user in a field, or returns null when the value is not
    /// an unmapped user.
    /// </summary>
    public static string? UnmappedWarning(string? value, string? field)
    {
        if (!IsUnmapped(value))
        {
            return null;
        }

        var (tool, name) = TryParseUnmapped(value, out var parsedTool, out var parsedName)
            ? (parsedTool, parsedName)
            : ("the tool", value);
        return $"User '{name}' of {tool} in field {field} has no e-mail address that the connection can read, "
            + $"so the field was not copied; {FixFor(tool)}";
    }

    private static string FixFor(string tool) => tool.ToUpperInvariant() switch
    {
        "GITHUB" => "the user can make an e-mail address public in their GitHub profile settings.",
        "REDMINE" => "use an administrator's API key for the connection, or the user can clear "
            + "'Hide my email address' in their Redmine account preferences.",
        _ => $"make the user's e-mail address readable to the connection's credential in {tool}.",
    };
}
