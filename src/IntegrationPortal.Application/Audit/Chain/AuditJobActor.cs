namespace IntegrationPortal.Application.Audit.Chain;

/// <summary>The actor that audit events written by the verification and pruning jobs name.</summary>
public static class AuditJobActor
{
    public const string Id = "system:audit";
    public const string Name = "Audit job";
}
