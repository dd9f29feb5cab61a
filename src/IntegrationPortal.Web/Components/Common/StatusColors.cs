using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;
using MudBlazor;

namespace IntegrationPortal.Web.Components.Common;

/// <summary>The chip color of each status, so a status looks the same on every page.</summary>
public static class StatusColors
{
    public static Color Of(RequestStatus status) => status switch
    {
        RequestStatus.Approved or RequestStatus.Built or RequestStatus.Live => Color.Success,
        RequestStatus.Rejected => Color.Error,
        RequestStatus.NeedsInformation => Color.Warning,
        RequestStatus.Draft or RequestStatus.Retired => Color.Default,
        _ => Color.Info,
    };

    /// <summary>The chip color of a tool's catalog status; null means the tool is not in the catalog.</summary>
    public static Color Of(ToolStatus? status) => status is { } value ? Of(value) : Color.Warning;

    public static Color Of(ToolStatus status) => status switch
    {
        ToolStatus.Approved => Color.Success,
        ToolStatus.Blocked => Color.Error,
        _ => Color.Warning,
    };

    public static Color Of(FlowStatus status) => status switch
    {
        FlowStatus.Active => Color.Success,
        FlowStatus.Paused => Color.Warning,
        _ => Color.Default,
    };

    public static Color Of(SyncRunStatus status) => status switch
    {
        SyncRunStatus.Succeeded => Color.Success,
        SyncRunStatus.Failed => Color.Error,
        SyncRunStatus.Throttled => Color.Warning,
        _ => Color.Info,
    };
}
