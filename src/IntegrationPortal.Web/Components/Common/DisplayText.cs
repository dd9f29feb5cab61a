using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Web.Components.Common;

/// <summary>Labels shown for enum values and times, kept in one place so every page reads alike.</summary>
public static class DisplayText
{
    public static string Of(SyncDirection direction) => direction switch
    {
        SyncDirection.AToB => "A → B",
        SyncDirection.BToA => "B → A",
        _ => "Both ways",
    };

    public static string Of(ConflictRule rule) => rule switch
    {
        ConflictRule.SideAWins => "Side A wins",
        ConflictRule.SideBWins => "Side B wins",
        _ => "Most recent change wins",
    };

    /// <summary>Labels a mapping's own conflict rule; null means the mapping follows the flow's rule.</summary>
    public static string Of(ConflictRule? rule) => rule is { } value ? Of(value) : "Flow default";

    public static string Of(DeleteRule rule) => rule switch
    {
        DeleteRule.MirrorDelete => "Close the item on the other side",
        _ => "Unlink and flag, leave the other item",
    };

    /// <summary>Describes an item filter, or returns "Every item" for a flow without one.</summary>
    public static string Of(ItemScope? scope) =>
        scope is null ? "Every item" : $"Side {scope.Side} items whose {scope.Field} contains \"{scope.Value}\"";

    public static string Of(ToolStatus status) => status switch
    {
        ToolStatus.UnderReview => "Under review",
        _ => status.ToString(),
    };

    public static string Of(RequestStatus status) => status switch
    {
        RequestStatus.InReview => "In review",
        RequestStatus.NeedsInformation => "Needs information",
        _ => status.ToString(),
    };

    /// <summary>Labels a tool's catalog status; null means the tool is not in the catalog.</summary>
    public static string Of(ToolStatus? status) => status is { } value ? Of(value) : "Not in the catalog";

    public static string Of(DataClassification classification) => classification switch
    {
        DataClassification.PersonalData => "Personal data",
        _ => classification.ToString(),
    };

    /// <summary>Formats a time in UTC to the second, or a dash when there is none.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is null ? "—" : at.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
