using IntegrationPortal.Application.Groups;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeGroupService : IGroupService
{
    public List<GroupDto> Groups { get; } = [];

    public Task<IReadOnlyList<GroupDto>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<GroupDto>>([.. Groups]);

    public Task<Guid> CreateAsync(CreateGroupCommand command, CancellationToken cancellationToken)
    {
        var group = new GroupDto(Guid.NewGuid(), command.Name.Trim(), []);
        Groups.Add(group);
        return Task.FromResult(group.Id);
    }

    public Task DeleteAsync(Guid groupId, CancellationToken cancellationToken)
    {
        Groups.RemoveAll(g => g.Id == groupId);
        return Task.CompletedTask;
    }

    public Task AddMemberAsync(Guid groupId, string userId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveMemberAsync(Guid groupId, string userId, CancellationToken cancellationToken) => Task.CompletedTask;
}
