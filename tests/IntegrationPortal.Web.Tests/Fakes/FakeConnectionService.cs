using IntegrationPortal.Application.Connections;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Web.Tests.Fakes;

/// <summary>
/// Connections with containers and fields per connection id. A connection listed in
/// <see cref="Unreachable"/> throws <see cref="ConnectorException"/> as a tool that cannot be reached would.
/// </summary>
public sealed class FakeConnectionService : IConnectionService
{
    public List<ConnectionDto> Connections { get; } = [];

    public Dictionary<Guid, List<ContainerInfo>> Containers { get; } = [];

    public Dictionary<Guid, List<FieldDescriptor>> Fields { get; } = [];

    public Dictionary<Guid, string> Unreachable { get; } = [];

    public List<Guid> ContainerRequests { get; } = [];

    public List<CreateConnectionCommand> Created { get; } = [];

    public Task<IReadOnlyList<ConnectionDto>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ConnectionDto>>(Connections);

    public Task<Guid> CreateAsync(CreateConnectionCommand command, CancellationToken cancellationToken)
    {
        Created.Add(command);
        return Task.FromResult(Guid.NewGuid());
    }

    public Task<ConnectionTestResult> TestAsync(Guid connectionId, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionTestResult(true, "Signed in as tester."));

    public Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        ContainerRequests.Add(connectionId);
        ThrowIfUnreachable(connectionId);

        return Task.FromResult<IReadOnlyList<ContainerInfo>>(Containers.GetValueOrDefault(connectionId) ?? []);
    }

    public Task<IReadOnlyList<FieldDescriptor>> ListFieldsAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        ThrowIfUnreachable(connectionId);

        return Task.FromResult<IReadOnlyList<FieldDescriptor>>(Fields.GetValueOrDefault(connectionId) ?? []);
    }

    private void ThrowIfUnreachable(Guid connectionId)
    {
        if (Unreachable.TryGetValue(connectionId, out var message))
        {
            throw new ConnectorException(message);
        }
    }
}
