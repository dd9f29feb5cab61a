using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence;

/// <summary>Stores a value as a JSON text column, compared by its JSON so in-place edits are saved.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Format = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class
    {
        var comparer = new ValueComparer<T>(
            (left, right) => Serialize(left) == Serialize(right),
            value => Serialize(value).GetHashCode(StringComparison.Ordinal),
            value => Deserialize<T>(Serialize(value)));
        property.HasConversion(value => Serialize(value), json => Deserialize<T>(json), comparer);
        return property;
    }

    /// <summary>Stores an optional value as a JSON text column; null is stored as SQL NULL.</summary>
    public static PropertyBuilder<T?> HasOptionalJsonConversion<T>(this PropertyBuilder<T?> property)
        where T : class
    {
        var comparer = new ValueComparer<T?>(
            (left, right) => Serialize(left) == Serialize(right),
            value => value == null ? 0 : Serialize(value).GetHashCode(StringComparison.Ordinal),
            value => value == null ? null : Deserialize<T>(Serialize(value)));
        property.HasConversion(value => Serialize(value), json => Deserialize<T>(json), comparer);
        return property;
    }

    private static string Serialize<T>(T? value) => JsonSerializer.Serialize(value, Format);

    private static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Format) ?? throw new JsonException($"The stored JSON for {typeof(T).Name} is null.");
}
