namespace IntegrationPortal.Domain.Groups;

/// <summary>One user's membership of a <see cref="UserGroup"/>.</summary>
public sealed class UserGroupMember
{
    public const int MaxUserIdLength = 450;
    public const int MaxUserNameLength = 256;

    private UserGroupMember()
    {
        UserId = string.Empty;
        UserName = string.Empty;
    }

    internal UserGroupMember(Guid groupId, string userId, string userName, DateTimeOffset at)
    {
        GroupId = groupId;
        UserId = userId;
        UserName = userName;
        AddedAt = at;
    }

    public Guid GroupId { get; private set; }

    public string UserId { get; private set; }

    /// <summary>The user name when the user was added, so lists need no user lookup.</summary>
    public string UserName { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }
}
