namespace IntegrationPortal.Domain.Policies;

/// <summary>
/// What IT allows flows to do with one field of a tool. "Read" means a flow may copy the field's
/// value out of this tool; "write" means a flow may change the field in this tool.
/// </summary>
public enum FieldAccess
{
    /// <summary>Flows may read the field from this tool and write it in this tool.</summary>
    SyncBothWays,

    /// <summary>Flows may copy the field out of this tool but never change it here.</summary>
    ReadOnly,

    /// <summary>Flows may change the field in this tool but never copy it out.</summary>
    WriteOnly,

    /// <summary>No flow may read or write the field.</summary>
    Never,
}
