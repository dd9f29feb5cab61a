using IntegrationPortal.Domain.Policies;

namespace IntegrationPortal.Web.Components.Pages.Governance;

/// <summary>Labels of policy values, as the policy editor and its preview show them.</summary>
public static class PolicyText
{
    public static string Of(FieldAccess access) => access switch
    {
        FieldAccess.SyncBothWays => "Sync both ways",
        FieldAccess.ReadOnly => "Read from this tool only",
        FieldAccess.WriteOnly => "Write to this tool only",
        _ => "Never sync",
    };

    /// <summary>Labels a field's own access; null follows the tool's default access.</summary>
    public static string Of(FieldAccess? access, FieldAccess defaultAccess) =>
        access is { } value ? Of(value) : $"Tool default ({Of(defaultAccess)})";

    public static string Of(DataClassification classification) => classification switch
    {
        DataClassification.PersonalData => "Personal data",
        _ => classification.ToString(),
    };
}
