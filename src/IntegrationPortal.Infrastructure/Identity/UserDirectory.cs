using IntegrationPortal.Application.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Infrastructure.Identity;

/// <summary>Reads accounts and their roles from ASP.NET Core Identity.</summary>
public sealed class UserDirectory(UserManager<PortalUser> users) : IUserDirectory
{
    public async Task<DirectoryUser?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        return user is null ? null : new DirectoryUser(user.Id, user.UserName ?? string.Empty, [.. await users.GetRolesAsync(user)]);
    }

    public async Task<IReadOnlyList<DirectoryUser>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var result = new List<DirectoryUser>(all.Count);
        foreach (var user in all)
        {
            result.Add(new DirectoryUser(user.Id, user.UserName ?? string.Empty, [.. await users.GetRolesAsync(user)]));
        }

        return result;
    }
}
