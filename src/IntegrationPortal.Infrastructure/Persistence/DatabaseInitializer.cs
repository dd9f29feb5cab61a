using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationPortal.Infrastructure.Persistence;

/// <summary>Applies migrations and adds the rows every portal needs: the roles and the tool catalog.</summary>
public sealed class DatabaseInitializer(
    PortalDbContext db,
    RoleManager<IdentityRole> roles,
    IOptions<DatabaseOptions> options,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            logger.LogInformation("Applying {Count} pending migrations to the {Provider} database", pending.Count, options.Value.Provider);
            await db.Database.MigrateAsync(cancellationToken);
        }

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        await AddToolAsync(ToolKeys.Redmine, "Redmine", cancellationToken);
        await AddToolAsync(ToolKeys.GitHub, "GitHub", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>New tools start under review: IT approves each before anyone can connect it.</summary>
    private async Task AddToolAsync(string key, string name, CancellationToken cancellationToken)
    {
        if (!await db.Tools.AnyAsync(t => t.Key == key, cancellationToken))
        {
            db.Tools.Add(new Tool(key, name, ToolStatus.UnderReview, time.GetUtcNow()));
        }
    }
}
