namespace IntegrationPortal.Application.Common;

/// <summary>Server-side role checks that every use case runs before it reads or changes anything.</summary>
public static class RoleGuard
{
    public static void Require(this ICurrentUser user, params string[] roles)
    {
        if (user.UserId is null)
        {
            throw new ForbiddenAccessException("Sign in to continue.");
        }

        if (!roles.Any(user.IsInRole))
        {
            throw new ForbiddenAccessException($"This action needs the role {string.Join(" or ", roles.Select(Domain.Identity.Roles.DisplayName))}.");
        }
    }

    public static void RequireSignedIn(this ICurrentUser user)
    {
        if (user.UserId is null)
        {
            throw new ForbiddenAccessException("Sign in to continue.");
        }
    }
}
