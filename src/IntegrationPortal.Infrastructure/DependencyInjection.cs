using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using IntegrationPortal.Application;
using IntegrationPortal.Application.Audit.Chain;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Requests.Backlog;
using IntegrationPortal.Application.Users;
using IntegrationPortal.Connectors;
using IntegrationPortal.Connectors.Http;
using IntegrationPortal.Connectors.Redmine;
using IntegrationPortal.Infrastructure.Audit;
using IntegrationPortal.Infrastructure.Audit.Forwarding;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Jobs;
using IntegrationPortal.Infrastructure.Notifications;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database, Identity stores, Data Protection, connectors, Hangfire storage and
    /// the application services. <paramref name="runJobs"/> adds a Hangfire server to this process.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, bool runJobs)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.SectionName));

        services.AddApplication();
        services.AddConnectors();
        services.Configure<RateBudgetOptions>(configuration.GetSection(RateBudgetOptions.SectionName));
        var redmineSection = configuration.GetSection(RedmineConnectorOptions.SectionName);
        services.Configure<RedmineConnectorOptions>(redmineSection);

        // An unknown text formatting would otherwise surface only when a flow first runs.
        (redmineSection.Get<RedmineConnectorOptions>() ?? new RedmineConnectorOptions()).ToRichTextFormat();
        services.AddPortalDatabase(options);

        // A bad SLA setting stops the start with a message naming it, not the first queue page.
        var backlog = configuration.GetSection(BacklogOptions.SectionName);
        services.Configure<BacklogOptions>(backlog);
        BacklogSla.ValidDays(backlog.Get<BacklogOptions>() ?? new BacklogOptions());

        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<IUserAdminService, UserAdminService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<Seeding.BacklogSeeder>();
        services.AddScoped<IFlowLease, FlowLease>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddPortalDataProtection(configuration);

        services.AddIdentityCore<PortalUser>(identity =>
            {
                // Length is the one password rule, the same one the form states. Character-class
                // rules would reject passwords that the form had accepted.
                identity.Password.RequiredLength = Application.Users.CreateUserCommandValidator.MinPasswordLength;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireDigit = false;
                identity.User.RequireUniqueEmail = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager();

        services.AddScoped<ISyncScheduler, HangfireSyncScheduler>();
        services.AddScoped<FlowSyncJob>();
        services.AddPortalAudit(configuration);
        services.AddRequestNotifications(configuration);
        services.AddPortalHangfire(options, runJobs);
        services.AddAuditForwarding(configuration, runJobs);
        return services;
    }

    /// <summary>
    /// Registers pruning and the audit jobs, and checks the "Audit" settings at start, so a
    /// retention without a valid checkpoint key stops the portal with a message naming the setting.
    /// </summary>
    private static void AddPortalAudit(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AuditOptions.SectionName);
        services.Configure<AuditOptions>(section);
        var audit = section.Get<AuditOptions>() ?? new AuditOptions();
        if (audit.RetentionDays is { } days)
        {
            if (days < 1)
            {
                throw new InvalidOperationException(
                    $"{AuditOptions.SectionName}:{nameof(AuditOptions.RetentionDays)} is {days}; set a number of days of 1 or more, or leave it empty to keep every event.");
            }

            AuditCheckpointSigner.ReadKey(audit.CheckpointKey);
        }

        services.AddScoped<AuditPruner>();
        services.AddScoped<AuditJobs>();
    }

    private static void AddPortalDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        if (string.Equals(options.Provider, DatabaseProviders.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is PostgreSql but Database:ConnectionString is empty; set it, e.g. Host=127.0.0.1;Port=5432;Database=portal;Username=portal;Password=...");
            }

            services.AddDbContext<PostgresPortalDbContext>(db => db.UseNpgsql(options.ConnectionString));
            services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<PostgresPortalDbContext>());
        }
        else if (string.Equals(options.Provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? $"Data Source={Path.Combine(EnsureDataDirectory(options), "portal.db")}"
                : options.ConnectionString;
            services.AddDbContext<SqlitePortalDbContext>(db => db.UseSqlite(connectionString));
            services.AddScoped<PortalDbContext>(sp => sp.GetRequiredService<SqlitePortalDbContext>());
        }
        else
        {
            throw new InvalidOperationException(
                $"Database:Provider '{options.Provider}' is not supported; use {DatabaseProviders.Sqlite} or {DatabaseProviders.PostgreSql}.");
        }

        services.AddScoped<IPortalDbContext>(sp => sp.GetRequiredService<PortalDbContext>());
    }

    private static void AddPortalHangfire(this IServiceCollection services, DatabaseOptions options, bool runJobs)
    {
        services.AddHangfire(hangfire =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (string.Equals(options.Provider, DatabaseProviders.PostgreSql, StringComparison.OrdinalIgnoreCase))
            {
                hangfire.UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(options.ConnectionString));
            }
            else
            {
                // A poll interval of one second makes a "Run now" job start within about a second.
                hangfire.UseSQLiteStorage(
                    Path.Combine(EnsureDataDirectory(options), "hangfire.db"),
                    new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
            }
        });

        if (runJobs)
        {
            services.AddHangfireServer(server => server.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        }
    }

    private static string EnsureDataDirectory(DatabaseOptions options)
    {
        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        return directory;
    }
}
