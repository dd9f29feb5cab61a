using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Groups;
using IntegrationPortal.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Groups;

public sealed class GroupService(
    IPortalDbContext db,
    ICurrentUser user,
    IUserDirectory directory,
    IAuditLog audit,
    IValidator<CreateGroupCommand> validator,
    TimeProvider time) : IGroupService
{
    public async Task<IReadOnlyList<GroupDto>> ListAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var groups = await db.UserGroups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Name).ToListAsync(cancellationToken);
        return [.. groups.Select(g => new GroupDto(
            g.Id,
            g.Name,
            [.. g.Members.OrderBy(m => m.UserName, StringComparer.OrdinalIgnoreCase).Select(m => new GroupMemberDto(m.UserId, m.UserName))]))];
    }

    public async Task<Guid> CreateAsync(CreateGroupCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        await validator.EnsureValidAsync(command, cancellationToken);
        var name = command.Name.Trim();
        if (await db.UserGroups.AnyAsync(g => g.Name == name, cancellationToken))
        {
            throw ValidatorExtensions.Invalid(nameof(command.Name), $"A group named \"{name}\" exists already. Choose another name.");
        }

        var group = new UserGroup(Guid.NewGuid(), name, time.GetUtcNow());
        db.UserGroups.Add(group);
        audit.Record(AuditActions.GroupCreated, "group", group.Id.ToString(), new { group.Name });
        await db.SaveChangesAsync(cancellationToken);
        return group.Id;
    }

    public async Task DeleteAsync(Guid groupId, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var group = await FindAsync(groupId, cancellationToken);
        var key = group.Id.ToString("N");
        var grants = await db.ConnectionGrants
            .Where(g => g.PrincipalKind == PrincipalKind.Group && g.PrincipalId == key)
            .ToListAsync(cancellationToken);

        db.ConnectionGrants.RemoveRange(grants);
        db.UserGroups.Remove(group);
        audit.Record(AuditActions.GroupDeleted, "group", group.Id.ToString(), new
        {
            group.Name,
            Members = group.Members.Count,
            GrantsRemoved = grants.Count,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AddMemberAsync(Guid groupId, string userId, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var group = await FindAsync(groupId, cancellationToken);
        var member = (string.IsNullOrEmpty(userId) ? null : await directory.FindAsync(userId, cancellationToken))
            ?? throw ValidatorExtensions.Invalid("UserId", "That user was not found. Choose a user from the list.");
        if (!group.AddMember(member.Id, member.UserName, time.GetUtcNow()))
        {
            throw ValidatorExtensions.Invalid("UserId", $"{member.UserName} is already a member of \"{group.Name}\".");
        }

        audit.Record(AuditActions.GroupMemberAdded, "group", group.Id.ToString(), new { group.Name, Member = member.UserName });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveMemberAsync(Guid groupId, string userId, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var group = await FindAsync(groupId, cancellationToken);
        var name = group.Members.FirstOrDefault(m => m.UserId == userId)?.UserName;
        if (name is null || !group.RemoveMember(userId))
        {
            throw new NotFoundException("Group member", userId);
        }

        audit.Record(AuditActions.GroupMemberRemoved, "group", group.Id.ToString(), new { group.Name, Member = name });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<UserGroup> FindAsync(Guid groupId, CancellationToken cancellationToken) =>
        await db.UserGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken)
            ?? throw new NotFoundException("Group", groupId);
}
