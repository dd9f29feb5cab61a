namespace IntegrationPortal.Domain.Flows;

/// <summary>Whether a link is still synced, and if not, why.</summary>
public enum LinkState
{
    /// <summary>Both items exist (or the counterpart is being created) and the pair is synced.</summary>
    Active,

    /// <summary>One item disappeared; the pair is no longer synced and the counterpart was left as it is.</summary>
    CounterpartMissing,

    /// <summary>One item disappeared and the flow closed or deleted the counterpart, as its delete rule requires.</summary>
    DeleteMirrored,
}
