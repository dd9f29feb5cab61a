using IntegrationPortal.Application.Groups;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeGroupService : IGroupService
{
    public List<GroupDto> Groups { get; } = [];

    public List<(Guid GroupId, string UserId)> AddedMembers { get; } = [];

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

    /// <summary>Records the member and lists them in the group, as the real service would after saving.</summary>
    public Task AddMemberAsync(Guid groupId, string userId, CancellationToken cancellationToken)
    {
        AddedMembers.Add((groupId, userId));
        var index = Groups.FindIndex(g => g.Id == groupId);
        Groups[index] = Groups[index] with { Members = [.. Groups[index].Members, new GroupMemberDto(userId, userId + "@example.com")] };
        return Task.CompletedTask;
    }

    public Task RemoveMemberAsync(Guid groupId, string userId, CancellationToken cancellationToken) => Task.CompletedTask;
}
