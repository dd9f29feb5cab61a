using IntegrationPortal.Domain.Common;

namespace IntegrationPortal.Domain.Groups;

/// <summary>
/// A named set of portal users that IT admins keep, so a connection can be shared with a team at
/// once. Membership is held by the portal, not by a directory service.
/// </summary>
public sealed class UserGroup
{
    public const int MaxNameLength = 100;

    private readonly List<UserGroupMember> _members = [];

    private UserGroup()
    {
        Name = string.Empty;
    }

    public UserGroup(Guid id, string name, DateTimeOffset at)
    {
        Id = id;
        Name = ValidName(name);
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<UserGroupMember> Members => _members;

    public void Rename(string name) => Name = ValidName(name);

    /// <summary>Adds the user, or returns false when the user is already a member.</summary>
    public bool AddMember(string userId, string userName, DateTimeOffset at)
    {
        if (_members.Any(m => m.UserId == userId))
        {
            return false;
        }

        _members.Add(new UserGroupMember(Id, userId, userName, at));
        return true;
    }

    /// <summary>Removes the user, or returns false when the user was not a member.</summary>
    public bool RemoveMember(string userId) => _members.RemoveAll(m => m.UserId == userId) > 0;

    private static string ValidName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("A group needs a name.");
        }

        var trimmed = name.Trim();
        return trimmed.Length <= MaxNameLength
            ? trimmed
            : throw new DomainException($"A group name can have at most {MaxNameLength} characters.");
    }
}
