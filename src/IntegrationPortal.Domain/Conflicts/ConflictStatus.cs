namespace IntegrationPortal.Domain.Conflicts;

/// <summary>The state of a recorded conflict in the flow's conflict queue.</summary>
public enum ConflictStatus
{
    /// <summary>Waiting for the flow's owner or an IT admin to confirm or change the rule's choice.</summary>
    Open,

    /// <summary>A person chose the value, which was written to both items.</summary>
    Resolved,

    /// <summary>A newer conflict on the same linked pair and field replaced this one in the queue.</summary>
    Superseded,
}
