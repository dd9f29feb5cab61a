using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Users;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Infrastructure.Identity;

public sealed class UserAdminService(
    UserManager<PortalUser> users,
    PortalDbContext db,
    ICurrentUser currentUser,
    IAuditLog audit,
    IValidator<CreateUserCommand> validator) : IUserAdminService
{
    public async Task<bool> IsSetupRequiredAsync(CancellationToken cancellationToken) =>
        (await users.GetUsersInRoleAsync(Roles.ItAdmin)).Count == 0;

    public async Task<IReadOnlyList<UserDto>> ListAsync(CancellationToken cancellationToken)
    {
        currentUser.Require(Roles.ItAdmin);
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var result = new List<UserDto>(all.Count);
        foreach (var user in all)
        {
            result.Add(new UserDto(user.Id, user.UserName ?? string.Empty, user.Email ?? string.Empty, [.. await users.GetRolesAsync(user)]));
        }

        return result;
    }

    public async Task<string> CreateAsync(CreateUserCommand command, CancellationToken cancellationToken)
    {
        currentUser.Require(Roles.ItAdmin);
        await validator.EnsureValidAsync(command, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var id = await CreateAccountAsync(command.Email, command.Password, command.Role, cancellationToken);
        audit.Record(AuditActions.UserCreated, "user", id, new { Email = command.Email.Trim(), command.Role });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>
    /// Creates the first IT admin. Throws when an admin already exists, so the setup page cannot
    /// be used to take over a running portal.
    /// </summary>
    public async Task<PortalUser> CreateOwnerAsync(string email, string password, CancellationToken cancellationToken)
    {
        await validator.EnsureValidAsync(new CreateUserCommand { Email = email, Password = password, Role = Roles.ItAdmin }, cancellationToken);
        if (!await IsSetupRequiredAsync(cancellationToken))
        {
            throw new ForbiddenAccessException("Setup is already done: an IT admin exists. Sign in instead.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var id = await CreateAccountAsync(email, password, Roles.ItAdmin, cancellationToken);
        audit.RecordAs(id, email.Trim(), AuditActions.OwnerCreated, "user", id, new { Email = email.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await users.FindByIdAsync(id))!;
    }

    private async Task<string> CreateAccountAsync(string email, string password, string role, CancellationToken cancellationToken)
    {
        var user = new PortalUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // The e-mail address is also the user name, so Identity reports a taken address twice.
            var takenEmail = created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail));
            throw new ValidationException(created.Errors
                .Where(e => !(takenEmail && e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
                .Select(e => new FluentValidation.Results.ValidationFailure(
                    e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(CreateUserCommand.Password) : nameof(CreateUserCommand.Email),
                    e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        cancellationToken.ThrowIfCancellationRequested();
        return user.Id;
    }
}
