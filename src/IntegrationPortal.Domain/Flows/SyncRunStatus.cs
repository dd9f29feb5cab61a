namespace IntegrationPortal.Domain.Flows;

public enum SyncRunStatus
{
    Running,
    Succeeded,
    Failed,

    /// <summary>
    /// The tool or the connection's rate budget asked for a wait longer than the portal waits
    /// within a run, so the run stopped with its progress saved and a follow-up run was scheduled.
    /// </summary>
    Throttled,
}
