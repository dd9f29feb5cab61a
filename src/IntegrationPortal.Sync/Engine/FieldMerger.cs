using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

/// <summary>What the three-way merge decided for one mapped field of a linked pair.</summary>
public enum FieldMergeAction
{
    /// <summary>No side that the mapping reads from changed since the base.</summary>
    NoChange,

    /// <summary>Both sides already hold matching values, so only the base moves.</summary>
    MoveBase,

    /// <summary>Write <see cref="FieldMergeDecision.Value"/> to side A.</summary>
    CopyToA,

    /// <summary>Write <see cref="FieldMergeDecision.Value"/> to side B.</summary>
    CopyToB,

    /// <summary>
    /// The value to copy has no entry in the value map. Nothing is written and the base stays, which
    /// lets a later run copy the change once the map has an entry for it.
    /// </summary>
    Unmapped,
}

/// <summary>
/// The decision for one field. For a copy, <see cref="Value"/> is the normalized value to write; for
/// <see cref="FieldMergeAction.Unmapped"/> it is the value without an entry and <see cref="UnmappedField"/>
/// is the key of the field it was read from. <see cref="WasConflict"/> is true when both sides changed
/// differently and the conflict rule picked the winner.
/// </summary>
public sealed record FieldMergeDecision(FieldMergeAction Action, string? Value = null, bool WasConflict = false, string? UnmappedField = null)
{
    public static FieldMergeDecision NoChange { get; } = new(FieldMergeAction.NoChange);

    public static FieldMergeDecision MoveBase { get; } = new(FieldMergeAction.MoveBase);
}

/// <summary>
/// One side's view of a mapped field: the current value, the base from the last sync, the field kind
/// and the update time of the item it belongs to. Values may be raw; the merge normalizes them.
/// </summary>
public readonly record struct FieldSnapshot(string? Current, string? Base, FieldKind Kind, DateTimeOffset UpdatedAt);

/// <summary>The three-way merge of one mapped field against its base. It has no side effects.</summary>
public static class FieldMerger
{
    /// <summary>
    /// Decides what to do with one mapped field. A side counts as changed when its normalized value
    /// differs from its normalized base and the mapping copies from it, so a one-way mapping ignores
    /// changes on its target side. A copy whose translated value already equals the target's current
    /// value becomes <see cref="FieldMergeAction.MoveBase"/>, because an equal write would only bump the
    /// target's update time.
    /// </summary>
    public static FieldMergeDecision Merge(FieldMapping mapping, FieldSnapshot a, FieldSnapshot b, ConflictRule rule)
    {
        ArgumentNullException.ThrowIfNull(mapping);

        var valueA = FieldNormalizer.Normalize(a.Current, a.Kind);
        var valueB = FieldNormalizer.Normalize(b.Current, b.Kind);
        var changedA = mapping.CopiesAToB && !SameValue(valueA, FieldNormalizer.Normalize(a.Base, a.Kind));
        var changedB = mapping.CopiesBToA && !SameValue(valueB, FieldNormalizer.Normalize(b.Base, b.Kind));

        if (!changedA && !changedB)
        {
            return FieldMergeDecision.NoChange;
        }

        if (changedA && changedB)
        {
            return MergeConflict(mapping, a, b, valueA, valueB, rule);
        }

        return changedA
            ? CopyToB(mapping, valueA, valueB, b.Kind, wasConflict: false)
            : CopyToA(mapping, valueB, valueA, a.Kind, wasConflict: false);
    }

    private static FieldMergeDecision MergeConflict(
        FieldMapping mapping,
        FieldSnapshot a,
        FieldSnapshot b,
        string? valueA,
        string? valueB,
        ConflictRule rule)
    {
        if (ValuesAgree(mapping, valueA, a.Kind, valueB, b.Kind))
        {
            return FieldMergeDecision.MoveBase;
        }

        var sideAWins = rule switch
        {
            ConflictRule.SideAWins => true,
            ConflictRule.SideBWins => false,
            ConflictRule.MostRecentWins => a.UpdatedAt >= b.UpdatedAt,
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "The conflict rule is not supported by the merge."),
        };

        return sideAWins
            ? CopyToB(mapping, valueA, valueB, b.Kind, wasConflict: true)
            : CopyToA(mapping, valueB, valueA, a.Kind, wasConflict: true);
    }

    private static bool ValuesAgree(FieldMapping mapping, string? valueA, FieldKind kindA, string? valueB, FieldKind kindB)
    {
        var aAsB = ValueMapTranslator.ToB(mapping, valueA);
        if (aAsB.IsMapped && SameValue(FieldNormalizer.Normalize(aAsB.Value, kindB), valueB))
        {
            return true;
        }

        var bAsA = ValueMapTranslator.ToA(mapping, valueB);
        return bAsA.IsMapped && SameValue(FieldNormalizer.Normalize(bAsA.Value, kindA), valueA);
    }

    private static FieldMergeDecision CopyToB(FieldMapping mapping, string? valueA, string? valueB, FieldKind kindB, bool wasConflict)
    {
        var translation = ValueMapTranslator.ToB(mapping, valueA);
        if (!translation.IsMapped)
        {
            return new FieldMergeDecision(FieldMergeAction.Unmapped, valueA, wasConflict, mapping.FieldA);
        }

        var value = FieldNormalizer.Normalize(translation.Value, kindB);
        return SameValue(value, valueB)
            ? FieldMergeDecision.MoveBase
            : new FieldMergeDecision(FieldMergeAction.CopyToB, value, wasConflict);
    }

    private static FieldMergeDecision CopyToA(FieldMapping mapping, string? valueB, string? valueA, FieldKind kindA, bool wasConflict)
    {
        var translation = ValueMapTranslator.ToA(mapping, valueB);
        if (!translation.IsMapped)
        {
            return new FieldMergeDecision(FieldMergeAction.Unmapped, valueB, wasConflict, mapping.FieldB);
        }

        var value = FieldNormalizer.Normalize(translation.Value, kindA);
        return SameValue(value, valueA)
            ? FieldMergeDecision.MoveBase
            : new FieldMergeDecision(FieldMergeAction.CopyToA, value, wasConflict);
    }

    private static bool SameValue(string? left, string? right) => string.Equals(left, right, StringComparison.Ordinal);
}
