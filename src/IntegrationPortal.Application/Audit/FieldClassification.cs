namespace IntegrationPortal.Application.Audit;

/// <summary>
/// Tells which synced fields are sensitive, so that their values are masked in <c>item.synced</c>
/// and <c>conflict.detected</c> audit details. A side is "A" or "B", as in the flow's mappings.
/// </summary>
public interface IFieldClassification
{
    bool IsSensitive(Guid flowId, string side, string field);
}

/// <summary>Replaces the values of sensitive fields before they are written to audit details.</summary>
public static class AuditValueMask
{
    /// <summary>The text recorded in place of a sensitive value; null stays null, so "cleared" remains visible.</summary>
    public const string Masked = "[masked]";

    public static string? Apply(IFieldClassification classification, Guid flowId, string side, string field, string? value) =>
        value is not null && classification.IsSensitive(flowId, side, field) ? Masked : value;
}
