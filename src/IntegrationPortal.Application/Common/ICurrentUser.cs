namespace IntegrationPortal.Application.Common;

/// <summary>The signed-in user on whose behalf a use case runs.</summary>
public interface ICurrentUser
{
    /// <summary>The Identity user id, or null when no user is signed in.</summary>
    string? UserId { get; }

    string UserName { get; }

    bool IsInRole(string role);
}
