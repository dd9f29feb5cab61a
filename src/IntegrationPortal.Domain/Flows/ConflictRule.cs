namespace IntegrationPortal.Domain.Flows;

/// <summary>How a field edited differently on both sides since the last sync is resolved.</summary>
public enum ConflictRule
{
    SideAWins,
    SideBWins,
    MostRecentWins,
}
