using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;

namespace IntegrationPortal.Domain.Templates;

/// <summary>
/// The content of one template version. It names the tool pair and use case, the field pairs and
/// directions flows may use, and the defaults a flow builder starts from. It also sets the item
/// filter and schedule bounds that flows must keep, the most sensitive data allowed, and whether a
/// request inside it is approved at once.
/// </summary>
public sealed record TemplateDefinition(
    string Name,
    string ToolA,
    string ToolB,
    string UseCase,
    IReadOnlyList<TemplateField> Fields,
    IReadOnlyList<FieldMapping> DefaultMappings,
    ItemScope? Filter,
    int MinScheduleMinutes,
    int MaxScheduleMinutes,
    DataClassification MaxClassification,
    bool AutoApproves)
{
    public const int MaxNameLength = 200;
    public const int MaxToolKeyLength = 50;
    public const int MaxUseCaseLength = 200;

    /// <summary>The widest direction of any field, which is what a request without named fields is compared to.</summary>
    public SyncDirection WidestDirection =>
        Fields.Count == 0 ? SyncDirection.Both : Fields.Select(f => f.Direction).Aggregate(SyncDirections.Widest);

    /// <summary>Returns the field pair of the template with these keys, or null when the template does not include it.</summary>
    public TemplateField? FieldFor(string fieldA, string fieldB) =>
        Fields.FirstOrDefault(f => f.FieldA == fieldA && f.FieldB == fieldB);

    /// <summary>Throws <see cref="DomainException"/> naming the first rule the definition breaks.</summary>
    public void EnsureValid()
    {
        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(ToolA) || string.IsNullOrWhiteSpace(ToolB))
        {
            throw new DomainException("A template needs a name and two tools.");
        }

        if (Fields.Count == 0)
        {
            throw new DomainException($"Template '{Name}' allows no field; add at least one field pair.");
        }

        if (MinScheduleMinutes < Flow.MinScheduleMinutes || MaxScheduleMinutes > Flow.MaxScheduleMinutes || MinScheduleMinutes > MaxScheduleMinutes)
        {
            throw new DomainException(
                $"Template '{Name}' has schedule bounds {MinScheduleMinutes} to {MaxScheduleMinutes} minutes; " +
                $"they must lie within {Flow.MinScheduleMinutes} to {Flow.MaxScheduleMinutes} with the minimum not above the maximum.");
        }

        foreach (var mapping in DefaultMappings)
        {
            var field = FieldFor(mapping.FieldA, mapping.FieldB);
            if (field is null || !SyncDirections.Allows(field.Direction, mapping.Direction))
            {
                throw new DomainException(
                    $"The default mapping {mapping.FieldA} to {mapping.FieldB} of template '{Name}' goes beyond the template's field pairs and directions.");
            }
        }
    }

    /// <summary>True when both definitions fix the same content, list by list and value by value.</summary>
    public bool HasSameContent(TemplateDefinition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Name == other.Name
            && ToolA == other.ToolA
            && ToolB == other.ToolB
            && UseCase == other.UseCase
            && Filter == other.Filter
            && MinScheduleMinutes == other.MinScheduleMinutes
            && MaxScheduleMinutes == other.MaxScheduleMinutes
            && MaxClassification == other.MaxClassification
            && AutoApproves == other.AutoApproves
            && Fields.SequenceEqual(other.Fields)
            && DefaultMappings.Count == other.DefaultMappings.Count
            && DefaultMappings.Zip(other.DefaultMappings).All(pair => SameMapping(pair.First, pair.Second));
    }

    private static bool SameMapping(FieldMapping first, FieldMapping second) =>
        first.FieldA == second.FieldA
        && first.FieldB == second.FieldB
        && first.Direction == second.Direction
        && first.ConflictRule == second.ConflictRule
        && first.ValueMap.SequenceEqual(second.ValueMap);
}
