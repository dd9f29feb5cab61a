namespace IntegrationPortal.Domain.Conflicts;

/// <summary>The value a person chose for a conflict.</summary>
public enum ConflictResolution
{
    /// <summary>Side A's value, translated through the value map for side B.</summary>
    KeepA,

    /// <summary>Side B's value, translated through the value map for side A.</summary>
    KeepB,

    /// <summary>A value the person typed, in side A's terms, translated through the value map for side B.</summary>
    Custom,
}
