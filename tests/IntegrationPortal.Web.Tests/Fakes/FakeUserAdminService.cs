using IntegrationPortal.Application.Users;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeUserAdminService : IUserAdminService
{
    public bool SetupRequired { get; set; }

    public List<CreateUserCommand> Created { get; } = [];

    public List<UserDto> Users { get; } = [];

    public Task<bool> IsSetupRequiredAsync(CancellationToken cancellationToken) => Task.FromResult(SetupRequired);

    public Task<IReadOnlyList<UserDto>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UserDto>>([.. Users]);

    public Task<string> CreateAsync(CreateUserCommand command, CancellationToken cancellationToken)
    {
        Created.Add(command);
        return Task.FromResult(Guid.NewGuid().ToString());
    }
}
