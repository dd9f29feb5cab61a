namespace IntegrationPortal.Domain.Flows;

/// <summary>
/// Links field <see cref="FieldA"/> of side A to field <see cref="FieldB"/> of side B.
/// An empty value map copies values unchanged; otherwise every value must be listed.
/// </summary>
public sealed record FieldMapping(string FieldA, string FieldB, SyncDirection Direction, IReadOnlyList<ValueMapEntry> ValueMap)
{
    public bool CopiesAToB => Direction is SyncDirection.AToB or SyncDirection.Both;

    public bool CopiesBToA => Direction is SyncDirection.BToA or SyncDirection.Both;
}

/// <summary>One pair of a value map, such as Redmine status "Closed" to GitHub state "closed".</summary>
public sealed record ValueMapEntry(string ValueA, string ValueB);
