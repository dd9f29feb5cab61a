namespace IntegrationPortal.Application.Common;

/// <summary>Reads the portal's accounts for use cases outside Identity, such as choosing a tool owner or sharing a connection.</summary>
public interface IUserDirectory
{
    /// <summary>Returns the account, or null when no account has this id.</summary>
    Task<DirectoryUser?> FindAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Lists every account, ordered by user name.</summary>
    Task<IReadOnlyList<DirectoryUser>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>An account as other use cases see it: no password, no security stamp.</summary>
public sealed record DirectoryUser(string Id, string UserName, IReadOnlyList<string> Roles);
