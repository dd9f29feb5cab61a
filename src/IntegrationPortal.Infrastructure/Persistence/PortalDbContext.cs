using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Audit;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Conflicts;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Groups;
using IntegrationPortal.Domain.Notifications;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Domain.Templates;
using IntegrationPortal.Domain.Webhooks;
using IntegrationPortal.Infrastructure.Audit;
using IntegrationPortal.Infrastructure.Audit.Forwarding;
using IntegrationPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Infrastructure.Persistence;

/// <summary>
/// The portal database: domain tables, Identity accounts and Data Protection keys. Each provider
/// has a subclass that owns its migrations (<see cref="SqlitePortalDbContext"/>,
/// <see cref="PostgresPortalDbContext"/>).
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : IdentityDbContext<PortalUser>(options), IPortalDbContext, IDataProtectionKeyContext
{
    public DbSet<Tool> Tools => Set<Tool>();

    public DbSet<Connection> Connections => Set<Connection>();

    public DbSet<ToolPolicy> ToolPolicies => Set<ToolPolicy>();

    public DbSet<ConnectionGrant> ConnectionGrants => Set<ConnectionGrant>();

    public DbSet<UserGroup> UserGroups => Set<UserGroup>();

    public DbSet<IntegrationRequest> Requests => Set<IntegrationRequest>();

    public DbSet<RequestComment> RequestComments => Set<RequestComment>();

    public DbSet<RequestFollower> RequestFollowers => Set<RequestFollower>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Flow> Flows => Set<Flow>();

    public DbSet<ItemLink> ItemLinks => Set<ItemLink>();

    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();

    public DbSet<SyncConflict> SyncConflicts => Set<SyncConflict>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();

    public DbSet<Template> Templates => Set<Template>();

    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();

    public DbSet<AuditForwarderPosition> AuditForwarderPositions => Set<AuditForwarderPosition>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Saves the changes. Added audit events are chained inside the save's transaction, which is
    /// opened here when none is open, so the chain lock is held until the events commit.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = AuditChainAppender.PendingEvents(this);
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            await AuditChainAppender.ChainAsync(this, pending, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await AuditChainAppender.ChainAsync(this, pending, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>Saves changes without audit events, which only <see cref="SaveChangesAsync(bool, CancellationToken)"/> chains.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (AuditChainAppender.PendingEvents(this).Count > 0)
        {
            throw new InvalidOperationException("Audit events are chained only by SaveChangesAsync, so call it instead of SaveChanges.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>Serializes appends to the audit chain until the current transaction ends.</summary>
    public abstract Task LockAuditChainAsync(CancellationToken cancellationToken);

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        optionsBuilder.AddInterceptors(AuditAppendOnlyInterceptor.Instance);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options)
{
    /// <summary>
    /// SQLite has no date-time type that sorts with an offset, so times are stored as the binary
    /// form of a UTC DateTimeOffset, which sorts like the time itself.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }

    /// <summary>
    /// Takes SQLite's write lock with an UPDATE that matches no row. SQLite admits one writer at a
    /// time and holds the lock until the transaction ends, so the newest event read after this
    /// stays the newest until the new events commit.
    /// </summary>
    public override async Task LockAuditChainAsync(CancellationToken cancellationToken) =>
        await Database.ExecuteSqlRawAsync("UPDATE \"AuditCheckpoints\" SET \"Id\" = \"Id\" WHERE \"Id\" < 0", cancellationToken);
}

public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options)
{
    /// <summary>An arbitrary constant that names the audit chain's advisory lock in this database.</summary>
    public const long AuditChainLockKey = 0x41756469_74436861;

    /// <summary>Takes a transaction-scoped advisory lock, which PostgreSQL releases at commit or rollback.</summary>
    public override async Task LockAuditChainAsync(CancellationToken cancellationToken) =>
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditChainLockKey})", cancellationToken);
}
