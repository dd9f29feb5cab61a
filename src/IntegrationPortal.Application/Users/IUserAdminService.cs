namespace IntegrationPortal.Application.Users;

/// <summary>Accounts and roles, managed by IT admins; owner setup creates the first admin.</summary>
public interface IUserAdminService
{
    /// <summary>True until the first IT admin exists; the owner setup page is open only then.</summary>
    Task<bool> IsSetupRequiredAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<UserDto>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Creates an account with one role; IT admins only.</summary>
    Task<string> CreateAsync(CreateUserCommand command, CancellationToken cancellationToken);
}

public sealed record UserDto(string Id, string UserName, string Email, IReadOnlyList<string> Roles);

public sealed class CreateUserCommand
{
    public string Email { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public override string ToString() => $"CreateUserCommand {{ Email = {Email}, Role = {Role} }}";
}
