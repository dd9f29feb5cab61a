using IntegrationPortal.Application.Users;
using IntegrationPortal.Domain.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Support;

/// <summary>Creates real Identity accounts through the user admin service, as an IT admin would.</summary>
internal static class TestAccounts
{
    public const string Password = "correct-horse-battery";

    /// <summary>Creates the account and returns its user id.</summary>
    public static async Task<string> CreateAsync(PortalTestHost host, string email, string role)
    {
        await using var admin = host.ScopeFor("u-setup", "setup@example.com", Roles.ItAdmin);
        return await admin.ServiceProvider.GetRequiredService<IUserAdminService>()
            .CreateAsync(new CreateUserCommand { Email = email, Password = Password, Role = role }, CancellationToken.None);
    }
}
