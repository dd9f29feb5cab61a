namespace IntegrationPortal.Domain.Flows;

/// <summary>
/// Links field <see cref="FieldA"/> of side A to field <see cref="FieldB"/> of side B.
/// An empty value map copies values unchanged; otherwise every value must be listed.
/// <see cref="ConflictRule"/> overrides the flow's conflict rule for this field; null uses the flow's rule.
/// </summary>
public sealed record FieldMapping(
    string FieldA,
    string FieldB,
    SyncDirection Direction,
    IReadOnlyList<ValueMapEntry> ValueMap,
    ConflictRule? ConflictRule = null)
{
    /// <summary>Returns the rule that decides a conflict on this field: its own, or else the flow's.</summary>
    public ConflictRule RuleOr(ConflictRule flowRule) => ConflictRule ?? flowRule;

    public bool CopiesAToB => Direction is SyncDirection.AToB or SyncDirection.Both;

    public bool CopiesBToA => Direction is SyncDirection.BToA or SyncDirection.Both;
}

/// <summary>One pair of a value map, such as Redmine status "Closed" to GitHub state "closed".</summary>
public sealed record ValueMapEntry(string ValueA, string ValueB);
