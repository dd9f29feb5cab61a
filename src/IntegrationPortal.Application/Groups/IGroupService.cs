namespace IntegrationPortal.Application.Groups;

/// <summary>Portal groups of users, which connections can be shared with. IT admins only.</summary>
public interface IGroupService
{
    Task<IReadOnlyList<GroupDto>> ListAsync(CancellationToken cancellationToken);

    Task<Guid> CreateAsync(CreateGroupCommand command, CancellationToken cancellationToken);

    /// <summary>Deletes the group and every connection grant made to it.</summary>
    Task DeleteAsync(Guid groupId, CancellationToken cancellationToken);

    Task AddMemberAsync(Guid groupId, string userId, CancellationToken cancellationToken);

    Task RemoveMemberAsync(Guid groupId, string userId, CancellationToken cancellationToken);
}

public sealed record GroupDto(Guid Id, string Name, IReadOnlyList<GroupMemberDto> Members);

public sealed record GroupMemberDto(string UserId, string UserName);

public sealed class CreateGroupCommand
{
    public string Name { get; set; } = string.Empty;
}
