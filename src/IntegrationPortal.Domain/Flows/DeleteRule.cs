namespace IntegrationPortal.Domain.Flows;

/// <summary>What a flow does when one item of a linked pair disappears from its tool.</summary>
public enum DeleteRule
{
    /// <summary>Stop syncing the pair and flag the link for a person; the counterpart is left as it is.</summary>
    UnlinkAndFlag,

    /// <summary>Close the counterpart, or delete it where the tool has no closed state, then stop syncing the pair.</summary>
    MirrorDelete,
}
