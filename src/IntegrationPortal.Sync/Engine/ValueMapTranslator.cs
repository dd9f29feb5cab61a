using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Sync.Engine;

/// <summary>
/// The outcome of translating a value through a value map. <see cref="IsMapped"/> is false when the
/// map is not empty and has no entry for the value, and then <see cref="Value"/> is null.
/// </summary>
public readonly record struct Translation(bool IsMapped, string? Value)
{
    public static Translation Unmapped { get; } = new(false, null);

    public static Translation Of(string? value) => new(true, value);
}

/// <summary>
/// Translates values between the two sides of a mapping. An empty value map copies values unchanged,
/// and an empty value (null) always translates to null. An unmapped user (<see cref="UserValues"/>)
/// never translates, whatever the map, so it is reported and not copied.
/// </summary>
public static class ValueMapTranslator
{
    /// <summary>
    /// Translates a side A value to side B with the first entry whose <see cref="ValueMapEntry.ValueA"/>
    /// equals it, ignoring case and surrounding spaces.
    /// </summary>
    public static Translation ToB(FieldMapping mapping, string? valueA)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return Translate(mapping.ValueMap, valueA, entry => entry.ValueA, entry => entry.ValueB);
    }

    /// <summary>
    /// Translates a side B value to side A with the first entry whose <see cref="ValueMapEntry.ValueB"/>
    /// equals it, ignoring case and surrounding spaces. Because the first entry wins, a many-to-one map
    /// such as New and In Progress to open reverses open to New.
    /// </summary>
    public static Translation ToA(FieldMapping mapping, string? valueB)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return Translate(mapping.ValueMap, valueB, entry => entry.ValueB, entry => entry.ValueA);
    }

    private static Translation Translate(
        IReadOnlyList<ValueMapEntry> valueMap,
        string? value,
        Func<ValueMapEntry, string> source,
        Func<ValueMapEntry, string> target)
    {
        // NOTE: the translator does not know the field's kind, so a text value that starts with the
        // unmapped user prefix is held back too.
        if (UserValues.IsUnmapped(value))
        {
            return Translation.Unmapped;
        }

        if (value is null || valueMap.Count == 0)
        {
            return Translation.Of(value);
        }

        var trimmed = value.Trim();
        foreach (var entry in valueMap)
        {
            if (string.Equals(source(entry).Trim(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return Translation.Of(target(entry));
            }
        }

        return Translation.Unmapped;
    }
}
