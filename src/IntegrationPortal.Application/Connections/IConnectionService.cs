using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Application.Connections;

/// <summary>Connections that IT holds; nothing here ever returns a secret.</summary>
public interface IConnectionService
{
    /// <summary>Lists connections to every signed-in user, so requesters can pick one to build with.</summary>
    Task<IReadOnlyList<ConnectionDto>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Creates a connection to an approved tool; IT admins only. The secret is encrypted before it is stored.</summary>
    Task<Guid> CreateAsync(CreateConnectionCommand command, CancellationToken cancellationToken);

    /// <summary>Calls the tool with the stored secret and records the outcome; IT admins only.</summary>
    Task<ConnectionTestResult> TestAsync(Guid connectionId, CancellationToken cancellationToken);

    /// <summary>Lists projects or repositories live from the tool.</summary>
    Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(Guid connectionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<FieldDescriptor>> ListFieldsAsync(Guid connectionId, CancellationToken cancellationToken);
}

public sealed record ConnectionDto(
    Guid Id,
    string Name,
    string ToolKey,
    string BaseUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastTestedAt,
    bool? LastTestSucceeded,
    string? LastTestMessage);

/// <summary>The input of the "new connection" form. <see cref="Secret"/> is the API token.</summary>
public sealed class CreateConnectionCommand
{
    public string Name { get; set; } = string.Empty;

    public string ToolKey { get; set; } = string.Empty;

    public string BaseUrl { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;

    /// <summary>Keeps the secret out of logs and debugger views that print the command.</summary>
    public override string ToString() => $"CreateConnectionCommand {{ Name = {Name}, ToolKey = {ToolKey}, BaseUrl = {BaseUrl} }}";
}
