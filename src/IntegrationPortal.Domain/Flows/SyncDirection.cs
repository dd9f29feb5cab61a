namespace IntegrationPortal.Domain.Flows;

/// <summary>Which way values of a mapped field may move between side A and side B.</summary>
public enum SyncDirection
{
    AToB,
    BToA,
    Both,
}
