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

    public List<RotateSecretCommand> Rotations { get; } = [];

    public List<RevokeConnectionCommand> Revocations { get; } = [];

    public List<ShareConnectionCommand> Shares { get; } = [];

    public List<Guid> Unshared { get; } = [];

    public List<ConnectionGrantDto> Grants { get; } = [];

    public List<SharePrincipalDto> Principals { get; } = [];

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

    public Task RotateSecretAsync(RotateSecretCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Secret))
        {
            throw new FluentValidation.ValidationException(
                [new FluentValidation.Results.ValidationFailure(nameof(RotateSecretCommand.Secret), "Enter the new API token.")]);
        }

        Rotations.Add(command);
        return Task.CompletedTask;
    }

    public Task RevokeAsync(RevokeConnectionCommand command, CancellationToken cancellationToken)
    {
        Revocations.Add(command);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ConnectionGrantDto>> ListGrantsAsync(Guid connectionId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ConnectionGrantDto>>([.. Grants]);

    public Task<IReadOnlyList<SharePrincipalDto>> ListSharePrincipalsAsync(Guid connectionId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SharePrincipalDto>>(Principals);

    /// <summary>Records the command and lists the new grant, as the real service would after saving it.</summary>
    public Task<Guid> ShareAsync(ShareConnectionCommand command, CancellationToken cancellationToken)
    {
        Shares.Add(command);
        var name = Principals.Single(p => p.Kind == command.PrincipalKind && p.Id == command.PrincipalId).Name;
        var grant = new ConnectionGrantDto(Guid.NewGuid(), command.PrincipalKind, command.PrincipalId, name, command.Right, "admin@example.com", DateTimeOffset.UnixEpoch);
        Grants.Add(grant);
        return Task.FromResult(grant.Id);
    }

    public Task UnshareAsync(Guid grantId, CancellationToken cancellationToken)
    {
        Unshared.Add(grantId);
        Grants.RemoveAll(g => g.Id == grantId);
        return Task.CompletedTask;
    }

    private void ThrowIfUnreachable(Guid connectionId)
    {
        if (Unreachable.TryGetValue(connectionId, out var message))
        {
            throw new ConnectorException(message);
        }
    }
}
