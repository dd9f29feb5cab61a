using System.Text.Json;

namespace IntegrationPortal.Web.Components.Pages.Audit;

/// <summary>One value before and after a change, as read from an event's details.</summary>
public sealed record ChangePair(string Label, string Before, string After)
{
    /// <summary>
    /// Reads "before"/"after" objects (one pair per property of either) and "changes" arrays of
    /// items with "old"/"new" (one pair per change); returns none for other shapes.
    /// </summary>
    public static List<ChangePair> Read(JsonElement root)
    {
        var pairs = new List<ChangePair>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return pairs;
        }

        if (root.TryGetProperty("before", out var before) && root.TryGetProperty("after", out var after))
        {
            var names = Names(before).Union(Names(after), StringComparer.Ordinal);
            foreach (var name in names)
            {
                pairs.Add(new ChangePair(name, Value(before, name), Value(after, name)));
            }
        }

        if (root.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Array)
        {
            foreach (var change in changes.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
            {
                var label = $"{Value(change, "side")} {Value(change, "itemId")} {Value(change, "field")}".Trim();
                pairs.Add(new ChangePair(label, Value(change, "old"), Value(change, "new")));
            }
        }

        return pairs;
    }

    private static IEnumerable<string> Names(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().Select(p => p.Name) : [];

    private static string Value(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return string.Empty;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? string.Empty,
            JsonValueKind.Null => "(empty)",
            _ => value.GetRawText(),
        };
    }
}
