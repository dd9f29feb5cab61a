using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Conflicts;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;

namespace IntegrationPortal.Application.Conflicts;

/// <summary>
/// The normalized values that resolving a conflict writes to side A and side B, and the chosen value
/// as recorded on the conflict.
/// </summary>
internal sealed record ConflictTargets(string? ValueA, string? ValueB, string? Chosen)
{
    /// <summary>
    /// Works out both sides' values for a choice: the kept or typed value on its own side and its
    /// translation through the mapping's value map on the other. A typed value must be one of side A's
    /// values in a non-empty value map, and one of the field's allowed values where the tool has a list.
    /// </summary>
    public static ConflictTargets For(
        SyncConflict conflict,
        FieldMapping mapping,
        ResolveConflictCommand command,
        FieldDescriptor fieldA,
        FieldDescriptor fieldB)
    {
        return command.Resolution switch
        {
            ConflictResolution.KeepA => FromA(conflict.ValueA, mapping, fieldA, fieldB),
            ConflictResolution.KeepB => FromB(conflict.ValueB, mapping, fieldA, fieldB),
            ConflictResolution.Custom => FromA(TypedValueOnA(command.Value, mapping, fieldA), mapping, fieldA, fieldB),
            _ => throw ValidatorExtensions.Invalid(nameof(command.Resolution), "Choose Keep A, Keep B or a typed value."),
        };
    }

    /// <summary>The values a person may type for a mapping, in side A's terms; empty when any text is allowed.</summary>
    public static IReadOnlyList<string> ChoicesFor(FieldMapping mapping, FieldDescriptor? fieldA)
    {
        if (mapping.ValueMap.Count > 0)
        {
            return [.. mapping.ValueMap.Select(e => e.ValueA).Distinct(StringComparer.OrdinalIgnoreCase)];
        }

        return fieldA?.AllowedValues ?? [];
    }

    private static ConflictTargets FromA(string? value, FieldMapping mapping, FieldDescriptor fieldA, FieldDescriptor fieldB)
    {
        var translation = ValueMapTranslator.ToB(mapping, value);
        if (!translation.IsMapped)
        {
            throw Unmapped(value, mapping.FieldA, "B");
        }

        var valueA = FieldNormalizer.Normalize(value, fieldA.Kind);
        return new ConflictTargets(valueA, FieldNormalizer.Normalize(translation.Value, fieldB.Kind), valueA);
    }

    private static ConflictTargets FromB(string? value, FieldMapping mapping, FieldDescriptor fieldA, FieldDescriptor fieldB)
    {
        var translation = ValueMapTranslator.ToA(mapping, value);
        if (!translation.IsMapped)
        {
            throw Unmapped(value, mapping.FieldB, "A");
        }

        var valueB = FieldNormalizer.Normalize(value, fieldB.Kind);
        return new ConflictTargets(FieldNormalizer.Normalize(translation.Value, fieldA.Kind), valueB, valueB);
    }

    // A typed value takes the spelling of the matching choice, such as "Closed" for "closed".
    private static string TypedValueOnA(string? typed, FieldMapping mapping, FieldDescriptor fieldA)
    {
        var value = (typed ?? string.Empty).Trim();
        var choices = ChoicesFor(mapping, fieldA);
        if (choices.Count == 0)
        {
            return value;
        }

        var match = choices.FirstOrDefault(c => string.Equals(c.Trim(), value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            var source = mapping.ValueMap.Count > 0 ? "the value map of this mapping" : $"the values that side A allows for {mapping.FieldA}";
            throw ValidatorExtensions.Invalid(
                nameof(ResolveConflictCommand.Value),
                $"'{value}' is not one of {source}; choose one of: {string.Join(", ", choices)}" +
                (mapping.ValueMap.Count > 0 ? ", or add the value to the flow's value map first." : "."));
        }

        return match.Trim();
    }

    private static DomainException Unmapped(string? value, string field, string targetSide) =>
        new($"Value '{value}' of field {field} has no entry in the value map for side {targetSide}, so it cannot be written there; " +
            "add it to the flow's value map, or choose another value.");
}
