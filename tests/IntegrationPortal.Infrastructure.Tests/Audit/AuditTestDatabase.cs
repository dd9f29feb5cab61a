using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Audit.Chain;
using IntegrationPortal.Domain.Audit;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Audit;

/// <summary>Writes audit events through the portal and tampers with them behind its back, as someone with database access would.</summary>
internal static class AuditTestDatabase
{
    /// <summary>Records <paramref name="count"/> events, each in its own unit of work.</summary>
    public static async Task RecordEventsAsync(PortalTestHost host, int count, string prefix = "test")
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin);
            scope.ServiceProvider.GetRequiredService<IAuditLog>().Record($"{prefix}.event", "test", i.ToString(System.Globalization.CultureInfo.InvariantCulture), new { Index = i });
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }
    }

    public static async Task<List<AuditEvent>> ReadChainAsync(PortalTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Sequence > 0).OrderBy(e => e.Sequence).ToListAsync();
    }

    public static async Task<AuditChainReport> VerifyAsync(PortalTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(null, CancellationToken.None);
    }

    /// <summary>
    /// Runs raw SQL against the audit tables. On PostgreSQL the append-only triggers are disabled
    /// around it, which the table owner can do and the hash chain must still catch.
    /// </summary>
    public static async Task TamperAsync(PortalTestHost host, string provider, string sql)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (provider == DatabaseProviders.PostgreSql)
        {
            sql = $"""
                ALTER TABLE "AuditEvents" DISABLE TRIGGER USER;
                ALTER TABLE "AuditCheckpoints" DISABLE TRIGGER USER;
                {sql};
                ALTER TABLE "AuditEvents" ENABLE TRIGGER USER;
                ALTER TABLE "AuditCheckpoints" ENABLE TRIGGER USER;
                """;
        }

        await ExecuteAsync(db, sql);
    }

    /// <summary>
    /// Runs SQL as written, in the context's transaction if one is open. EF Core's raw SQL methods
    /// would read the braces of JSON literals as format placeholders.
    /// </summary>
    public static async Task ExecuteAsync(PortalDbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await command.ExecuteNonQueryAsync();
    }
}
