using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Domain.Catalog;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeCatalogService : ICatalogService
{
    public List<ToolDto> Tools { get; } =
    [
        new(ToolKeys.Redmine, "Redmine", ToolStatus.Approved, null, DateTimeOffset.UnixEpoch),
        new(ToolKeys.GitHub, "GitHub", ToolStatus.Approved, null, DateTimeOffset.UnixEpoch),
    ];

    public List<SetToolStatusCommand> StatusChanges { get; } = [];

    public Task<IReadOnlyList<ToolDto>> ListToolsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ToolDto>>(Tools);

    public Task SetToolStatusAsync(SetToolStatusCommand command, CancellationToken cancellationToken)
    {
        StatusChanges.Add(command);
        return Task.CompletedTask;
    }
}
