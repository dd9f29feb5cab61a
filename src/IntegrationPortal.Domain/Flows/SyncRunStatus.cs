namespace IntegrationPortal.Domain.Flows;

public enum SyncRunStatus
{
    Running,
    Succeeded,
    Failed,
}
