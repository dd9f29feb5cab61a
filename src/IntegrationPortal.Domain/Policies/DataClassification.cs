namespace IntegrationPortal.Domain.Policies;

/// <summary>How sensitive a field's data is, from least to most; IT sets it per field of a tool.</summary>
public enum DataClassification
{
    Public,
    Internal,
    Confidential,
    PersonalData,
}
