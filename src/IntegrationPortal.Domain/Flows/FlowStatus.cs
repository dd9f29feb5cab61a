namespace IntegrationPortal.Domain.Flows;

public enum FlowStatus
{
    Draft,
    Active,
    Paused,
}
