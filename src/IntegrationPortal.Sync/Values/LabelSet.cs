using System.Text;

namespace IntegrationPortal.Sync.Values;

/// <summary>
/// The canonical form of a set of labels: the names sorted by ordinal comparison and joined with
/// ", ". A comma inside a name is written "\," and a backslash "\\", because a label name may
/// contain a comma and must stay one label. A backslash before any other
/// character is read as itself, so values written before this escaping read the same.
/// </summary>
public static class LabelSet
{
    /// <summary>Reads the trimmed names of a labels value without empty names. Null reads as no names.</summary>
    public static IReadOnlyList<string> Split(string? value)
    {
        var names = new List<string>();
        if (string.IsNullOrEmpty(value))
        {
            return names;
        }

        var name = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length && value[i + 1] is ',' or '\\')
            {
                name.Append(value[++i]);
            }
            else if (c == ',')
            {
                Add(names, name);
            }
            else
            {
                name.Append(c);
            }
        }

        Add(names, name);
        return names;
    }

    /// <summary>
    /// Writes names as a canonical labels value: trimmed, without empty names or repeats, sorted by
    /// ordinal comparison, escaped and joined with ", ". Returns null when no name is left.
    /// </summary>
    public static string? Join(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var sorted = names
            .Select(name => name.Trim())
            .Where(name => name.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(Escape)
            .ToList();
        return sorted.Count == 0 ? null : string.Join(", ", sorted);
    }

    private static string Escape(string name) =>
        name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal);

    private static void Add(List<string> names, StringBuilder name)
    {
        var trimmed = name.ToString().Trim();
        if (trimmed.Length > 0)
        {
            names.Add(trimmed);
        }

        name.Clear();
    }
}
