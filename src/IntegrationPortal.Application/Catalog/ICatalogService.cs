using IntegrationPortal.Domain.Catalog;

namespace IntegrationPortal.Application.Catalog;

/// <summary>The tool catalog: which tools exist and whether IT approved them.</summary>
public interface ICatalogService
{
    Task<IReadOnlyList<ToolDto>> ListToolsAsync(CancellationToken cancellationToken);

    /// <summary>Changes a tool's status; IT admins only. A reason is required to block.</summary>
    Task SetToolStatusAsync(SetToolStatusCommand command, CancellationToken cancellationToken);
}

public sealed record ToolDto(string Key, string Name, ToolStatus Status, string? Reason, DateTimeOffset ChangedAt);

public sealed record SetToolStatusCommand(string ToolKey, ToolStatus Status, string? Reason);
