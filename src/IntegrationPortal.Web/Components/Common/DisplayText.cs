using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;

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

    public static string Of(ToolStatus status) => status switch
    {
        ToolStatus.UnderReview => "Under review",
        _ => status.ToString(),
    };

    /// <summary>Formats a time in UTC to the second, or a dash when there is none.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is null ? "—" : at.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
