namespace IntegrationPortal.Sync.Engine;

/// <summary>How far a run is: items processed so far out of the distinct items read on both sides.</summary>
public sealed record SyncProgress(int ItemsDone, int ItemsTotal);
