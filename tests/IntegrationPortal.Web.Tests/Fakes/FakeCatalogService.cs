using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Domain.Catalog;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeCatalogService : ICatalogService
{
    public List<ToolDto> Tools { get; } =
    [
        new(ToolKeys.Redmine, "Redmine", ToolStatus.Approved, null, DateTimeOffset.UnixEpoch, HasConnector: true),
        new(ToolKeys.GitHub, "GitHub", ToolStatus.Approved, null, DateTimeOffset.UnixEpoch, HasConnector: true),
    ];

    public List<SetToolStatusCommand> StatusChanges { get; } = [];

    public List<AddToolCommand> Added { get; } = [];

    public List<UpdateToolCommand> Updated { get; } = [];

    /// <summary>The flows every preview lists as pausing, or as resuming for a change to Approved.</summary>
    public List<StatusChangeFlowDto> AffectedFlows { get; } = [];

    public List<StatusChangeRequestDto> AffectedRequests { get; } = [];

    public List<ToolOwnerDto> OwnerCandidates { get; } = [];

    public Task<IReadOnlyList<ToolDto>> ListToolsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ToolDto>>(Tools);

    public Task<string> AddToolAsync(AddToolCommand command, CancellationToken cancellationToken)
    {
        Added.Add(command);
        return Task.FromResult(command.Key);
    }

    public Task UpdateToolAsync(UpdateToolCommand command, CancellationToken cancellationToken)
    {
        Updated.Add(command);
        return Task.CompletedTask;
    }

    public Task SetToolStatusAsync(SetToolStatusCommand command, CancellationToken cancellationToken)
    {
        StatusChanges.Add(command);
        return Task.CompletedTask;
    }

    public Task<ToolStatusPreview> PreviewStatusChangeAsync(string toolKey, ToolStatus status, CancellationToken cancellationToken)
    {
        var tool = Tools.Single(t => t.Key == toolKey);
        var resuming = status == ToolStatus.Approved;
        return Task.FromResult(new ToolStatusPreview(
            tool.Key,
            tool.Name,
            tool.Status,
            status,
            resuming ? [] : [.. AffectedFlows],
            resuming ? [.. AffectedFlows] : [],
            2)
        {
            OpenRequests = [.. AffectedRequests],
        });
    }

    public Task<IReadOnlyList<ToolOwnerDto>> ListOwnerCandidatesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ToolOwnerDto>>(OwnerCandidates);
}
