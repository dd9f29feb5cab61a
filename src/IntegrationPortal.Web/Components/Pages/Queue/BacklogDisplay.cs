using System.Globalization;
using IntegrationPortal.Application.Requests.Backlog;
using IntegrationPortal.Domain.Requests;
using MudBlazor;

namespace IntegrationPortal.Web.Components.Pages.Queue;

/// <summary>Labels and colors of the IT queue and its dashboard.</summary>
public static class BacklogDisplay
{
    /// <summary>Formats an age in whole days, or in hours under a day.</summary>
    public static string Age(TimeSpan age) => age.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays} d")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)age.TotalHours)} h");

    /// <summary>Formats a duration in days with one decimal, or a dash when there is none.</summary>
    public static string Days(TimeSpan? duration) => duration is { } value
        ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalDays:0.0} days")
        : "—";

    public static string Of(SlaState state) => state switch
    {
        SlaState.Overdue => "Overdue",
        SlaState.DueSoon => "Due soon",
        SlaState.OnTrack => "On track",
        _ => "Waiting for requester",
    };

    public static Color ColorOf(SlaState state) => state switch
    {
        SlaState.Overdue => Color.Error,
        SlaState.DueSoon => Color.Warning,
        SlaState.OnTrack => Color.Success,
        _ => Color.Default,
    };

    public static string Of(RequestStatus status) => status switch
    {
        RequestStatus.InReview => "In review",
        RequestStatus.NeedsInformation => "Needs information",
        _ => status.ToString(),
    };

    public static string Of(BacklogAction action) => action switch
    {
        BacklogAction.StartReview => "Start review",
        BacklogAction.Approve => "Approve",
        BacklogAction.Reject => "Reject",
        _ => "Turn into template",
    };

    /// <summary>Formats a tool pair key ("github+redmine") for people ("github ↔ redmine").</summary>
    public static string Pair(string toolPair) => toolPair.Replace("+", " ↔ ", StringComparison.Ordinal);
}
