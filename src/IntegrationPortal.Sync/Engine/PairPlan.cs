using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

/// <summary>
/// What one linked pair needs after merging every mapped field: the fields to write on each side,
/// the bases to save afterwards, the field changes for the audit trail, and the warnings and
/// conflicts found. Building it has no side effects.
/// </summary>
internal sealed class PairPlan
{
    private PairPlan(SyncItem itemA, SyncItem itemB)
    {
        ItemA = itemA;
        ItemB = itemB;
    }

    public SyncItem ItemA { get; }

    public SyncItem ItemB { get; }

    public Dictionary<string, string?> WritesA { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> WritesB { get; } = new(StringComparer.Ordinal);

    /// <summary>The values on side A once the writes are done, which become the new base.</summary>
    public Dictionary<string, string?> BaseA { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> BaseB { get; } = new(StringComparer.Ordinal);

    public List<FieldChange> Changes { get; } = [];

    public List<string> Warnings { get; } = [];

    public List<FieldConflict> ConflictRecords { get; } = [];

    public int Conflicts { get; private set; }

    /// <summary>
    /// Merges every mapped field of the pair against the given bases, which are the link's bases or,
    /// after a stale write was retried, those bases with the fields already written moved on.
    /// </summary>
    public static PairPlan Build(FlowRun run, PairBases bases, SyncItem itemA, SyncItem itemB)
    {
        var plan = new PairPlan(itemA, itemB);
        foreach (var mapping in run.Request.Mappings)
        {
            plan.AddField(run, bases, mapping);
        }

        return plan;
    }

    /// <summary>Returns true when the new bases equal the link's current ones, so saving would change nothing.</summary>
    public bool BasesEqual(ItemLink link) => SameValues(link.BaseA, BaseA) && SameValues(link.BaseB, BaseB);

    private void AddField(FlowRun run, PairBases bases, FieldMapping mapping)
    {
        if (!ItemA.Fields.ContainsKey(mapping.FieldA) || !ItemB.Fields.ContainsKey(mapping.FieldB))
        {
            SkipMissingField(bases, mapping);
            return;
        }

        var a = Snapshot(ItemA, bases.A, mapping.FieldA, run.KindOf(Side.A, mapping.FieldA));
        var b = Snapshot(ItemB, bases.B, mapping.FieldB, run.KindOf(Side.B, mapping.FieldB));
        var rule = mapping.RuleOr(run.Request.ConflictRule);
        var decision = FieldMerger.Merge(mapping, a, b, rule);

        BaseA[mapping.FieldA] = FieldNormalizer.Normalize(a.Current, a.Kind);
        BaseB[mapping.FieldB] = FieldNormalizer.Normalize(b.Current, b.Kind);

        if (decision.WasConflict)
        {
            Conflicts++;
            ConflictRecords.Add(new FieldConflict(
                ItemA.Id,
                ItemB.Id,
                mapping.FieldA,
                mapping.FieldB,
                BaseA[mapping.FieldA],
                BaseB[mapping.FieldB],
                ItemA.UpdatedBy,
                ItemB.UpdatedBy,
                ItemA.UpdatedAt,
                ItemB.UpdatedAt,
                rule,
                decision.Action == FieldMergeAction.CopyToA ? "B" : "A"));
        }

        switch (decision.Action)
        {
            case FieldMergeAction.CopyToA:
                AddWrite(Side.A, mapping.FieldA, decision, BaseA[mapping.FieldA]);
                break;

            case FieldMergeAction.CopyToB:
                AddWrite(Side.B, mapping.FieldB, decision, BaseB[mapping.FieldB]);
                break;

            case FieldMergeAction.Unmapped:
                Warnings.Add(UnmappedValueWarning(decision.Value, decision.UnmappedField));
                KeepBase(bases.A, BaseA, mapping.FieldA);
                KeepBase(bases.B, BaseB, mapping.FieldB);
                break;

            case FieldMergeAction.NoChange:
            case FieldMergeAction.MoveBase:
                break;

            default:
                throw new InvalidOperationException($"The merge action {decision.Action} is not handled.");
        }
    }

    // A field missing from an item (not merely empty) is skipped rather than read as null, because
    // reading it as null would clear the value on the other side.
    private void SkipMissingField(PairBases bases, FieldMapping mapping)
    {
        var (side, field, itemId) = ItemA.Fields.ContainsKey(mapping.FieldA)
            ? ("B", mapping.FieldB, ItemB.Id)
            : ("A", mapping.FieldA, ItemA.Id);
        Warnings.Add(MissingFieldWarning(side, field, itemId));
        KeepBase(bases.A, BaseA, mapping.FieldA);
        KeepBase(bases.B, BaseB, mapping.FieldB);
    }

    /// <summary>Builds the warning for a mapped field that the connector did not return for an item.</summary>
    public static string MissingFieldWarning(string side, string field, string itemId) =>
        $"Field {field} was not returned for item {itemId} on side {side}, so its mapping was skipped; " +
        "check that the connector offers this field.";

    /// <summary>Builds the warning for a value that a non-empty value map has no entry for, or for an unmapped user.</summary>
    public static string UnmappedValueWarning(string? value, string? field) =>
        Values.UserValues.UnmappedWarning(value, field)
        ?? $"Value '{value}' of field {field} has no entry in the value map, so it was not copied; add it to the flow's value map.";

    private void AddWrite(Side target, string field, FieldMergeDecision decision, string? oldValue)
    {
        var writes = target == Side.A ? WritesA : WritesB;
        var newBase = target == Side.A ? BaseA : BaseB;
        var itemId = target == Side.A ? ItemA.Id : ItemB.Id;

        writes[field] = decision.Value;
        newBase[field] = decision.Value;
        Changes.Add(new FieldChange(target.Name(), itemId, field, oldValue, decision.Value, decision.WasConflict));
    }

    private static FieldSnapshot Snapshot(SyncItem item, Dictionary<string, string?> itemBase, string field, FieldKind kind) =>
        new(item.Fields.GetValueOrDefault(field), itemBase.GetValueOrDefault(field), kind, item.UpdatedAt);

    // An unmapped change keeps the old base (or its absence), so the change is still detected,
    // and copied, on a later run once the value map has an entry for it.
    private static void KeepBase(Dictionary<string, string?> oldBase, Dictionary<string, string?> newBase, string field)
    {
        if (oldBase.TryGetValue(field, out var value))
        {
            newBase[field] = value;
        }
        else
        {
            newBase.Remove(field);
        }
    }

    private static bool SameValues(Dictionary<string, string?> left, Dictionary<string, string?> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The bases that a <see cref="PairPlan"/> merges against, keyed by each side's field key.</summary>
internal sealed record PairBases(Dictionary<string, string?> A, Dictionary<string, string?> B)
{
    /// <summary>Copies the link's bases, so moving them during retries never touches the link itself.</summary>
    public static PairBases CopyOf(ItemLink link) =>
        new(new Dictionary<string, string?>(link.BaseA, StringComparer.Ordinal), new Dictionary<string, string?>(link.BaseB, StringComparer.Ordinal));

    public Dictionary<string, string?> On(Side side) => side == Side.A ? A : B;
}
