using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Audit;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Conflicts;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;
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

    public DbSet<IntegrationRequest> Requests => Set<IntegrationRequest>();

    public DbSet<Flow> Flows => Set<Flow>();

    public DbSet<ItemLink> ItemLinks => Set<ItemLink>();

    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();

    public DbSet<SyncConflict> SyncConflicts => Set<SyncConflict>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<AuditForwarderPosition> AuditForwarderPositions => Set<AuditForwarderPosition>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
}

public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);
