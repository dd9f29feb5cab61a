using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Audit.Chain;
using IntegrationPortal.Domain.Audit;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationPortal.Infrastructure.Tests.Audit;

/// <summary>The hash chain on a real database: appends, verification, and tampering done with raw SQL.</summary>
public sealed class AuditChainTests
{
    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Appends_link_each_event_to_previous(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await AuditTestDatabase.RecordEventsAsync(host, 4);

        var chain = await AuditTestDatabase.ReadChainAsync(host);
        var report = await AuditTestDatabase.VerifyAsync(host);

        Assert.Equal([1L, 2L, 3L, 4L], chain.Select(e => e.Sequence));
        Assert.Equal(AuditChainHash.Genesis, chain[0].PreviousHash);
        for (var i = 1; i < chain.Count; i++)
        {
            Assert.Equal(chain[i - 1].Hash, chain[i].PreviousHash);
        }

        Assert.All(chain, e => Assert.Equal(AuditChainHash.Compute(e), e.Hash));
        Assert.True(report.IsIntact, report.Break?.Message);
        Assert.Equal(4, report.CheckedCount);
        Assert.Equal(chain[^1].Hash, report.LastHash);
    }

    [Fact]
    public async Task Events_of_one_save_chain_in_recorded_order()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using (var scope = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin))
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            audit.Record("test.first", "test", "1");
            audit.Record("test.second", "test", "2");
            audit.Record("test.third", "test", "3");
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }

        var chain = await AuditTestDatabase.ReadChainAsync(host);

        Assert.Equal(["test.first", "test.second", "test.third"], chain.Select(e => e.Action));
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Concurrent_appends_form_one_chain(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        const int Writers = 6;
        const int EventsPerWriter = 8;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer =>
            Task.Run(() => AuditTestDatabase.RecordEventsAsync(host, EventsPerWriter, $"writer{writer}"))));
        var chain = await AuditTestDatabase.ReadChainAsync(host);
        var report = await AuditTestDatabase.VerifyAsync(host);

        Assert.Equal(Enumerable.Range(1, Writers * EventsPerWriter).Select(i => (long)i), chain.Select(e => e.Sequence));
        Assert.True(report.IsIntact, report.Break?.Message);
        Assert.Equal(Writers * EventsPerWriter, report.CheckedCount);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Edited_event_is_first_break(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider, BatchOfTwo);
        await AuditTestDatabase.RecordEventsAsync(host, 6);
        var chain = await AuditTestDatabase.ReadChainAsync(host);

        await AuditTestDatabase.TamperAsync(host, provider, """UPDATE "AuditEvents" SET "Details" = '{"index":99}' WHERE "Sequence" = 3""");
        await AuditTestDatabase.TamperAsync(host, provider, """UPDATE "AuditEvents" SET "ActorName" = 'mallory' WHERE "Sequence" = 5""");
        var report = await AuditTestDatabase.VerifyAsync(host);

        Assert.False(report.IsIntact);
        Assert.Equal(AuditChainBreakKind.Edited, report.Break!.Kind);
        Assert.Equal(chain[2].Id, report.Break.EventId);
        Assert.Equal(3, report.Break.Sequence);
        Assert.Equal($"hash {chain[2].Hash}", report.Break.Found);
        Assert.Equal(2, report.CheckedCount);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Deleted_event_is_reported_as_gap(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider, BatchOfTwo);
        await AuditTestDatabase.RecordEventsAsync(host, 6);
        var chain = await AuditTestDatabase.ReadChainAsync(host);

        await AuditTestDatabase.TamperAsync(host, provider, """DELETE FROM "AuditEvents" WHERE "Sequence" = 4""");
        var report = await AuditTestDatabase.VerifyAsync(host);

        Assert.Equal(AuditChainBreakKind.Deleted, report.Break!.Kind);
        Assert.Equal(chain[4].Id, report.Break.EventId);
        Assert.Equal("sequence 4", report.Break.Expected);
        Assert.Equal("sequence 5", report.Break.Found);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Deleted_and_renumbered_event_is_found(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await AuditTestDatabase.RecordEventsAsync(host, 5);
        var chain = await AuditTestDatabase.ReadChainAsync(host);

        await AuditTestDatabase.TamperAsync(
            host, provider, """DELETE FROM "AuditEvents" WHERE "Sequence" = 2; UPDATE "AuditEvents" SET "Sequence" = "Sequence" - 1 WHERE "Sequence" > 2""");
        var report = await AuditTestDatabase.VerifyAsync(host);

        Assert.False(report.IsIntact);
        Assert.Equal(chain[2].Id, report.Break!.EventId);
        Assert.Equal($"previous hash {chain[0].Hash}", report.Break.Expected);
        Assert.Equal($"previous hash {chain[1].Hash}", report.Break.Found);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Swapped_events_are_reported_reordered(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider, BatchOfTwo);
        await AuditTestDatabase.RecordEventsAsync(host, 6);
        var chain = await AuditTestDatabase.ReadChainAsync(host);

        // Three steps because the sequence is unique: 3 to a free value, 5 to 3, then to 5.
        await AuditTestDatabase.TamperAsync(
            host,
            provider,
            """
            UPDATE "AuditEvents" SET "Sequence" = 1000 WHERE "Sequence" = 3;
            UPDATE "AuditEvents" SET "Sequence" = 3 WHERE "Sequence" = 5;
            UPDATE "AuditEvents" SET "Sequence" = 5 WHERE "Sequence" = 1000
            """);
        var report = await AuditTestDatabase.VerifyAsync(host);

        Assert.Equal(AuditChainBreakKind.Reordered, report.Break!.Kind);
        Assert.Equal(chain[4].Id, report.Break.EventId);
        Assert.Equal(3, report.Break.Sequence);
        Assert.Equal($"previous hash {chain[1].Hash}", report.Break.Expected);
        Assert.Equal($"previous hash {chain[3].Hash}", report.Break.Found);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Tracked_change_or_removal_is_rejected(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await AuditTestDatabase.RecordEventsAsync(host, 1);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var auditEvent = await db.AuditEvents.SingleAsync();

        db.Entry(auditEvent).Property(e => e.Details).CurrentValue = """{"index":5}""";
        var edit = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.Entry(auditEvent).State = EntityState.Unchanged;
        db.AuditEvents.Remove(auditEvent);
        var removal = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", edit.Message, StringComparison.Ordinal);
        Assert.Contains("deleted", removal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""UPDATE "AuditEvents" SET "Details" = '{}'""")]
    [InlineData("""DELETE FROM "AuditEvents" """)]
    [InlineData("""TRUNCATE "AuditEvents" """)]
    [InlineData("""UPDATE "AuditCheckpoints" SET "PrunedCount" = 0""")]
    [InlineData("""DELETE FROM "AuditCheckpoints" """)]
    public async Task Postgres_rejects_raw_change(string sql)
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.PostgreSql);
        await AuditTestDatabase.RecordEventsAsync(host, 2);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await InsertCheckpointAsync(db);

        var error = await Assert.ThrowsAsync<PostgresException>(() => AuditTestDatabase.ExecuteAsync(db, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(2, await db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task Postgres_prune_setting_allows_no_update()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.PostgreSql);
        await AuditTestDatabase.RecordEventsAsync(host, 1);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await AuditTestDatabase.ExecuteAsync(db, "SET LOCAL integrationportal.audit_prune = 'on'");

        var error = await Assert.ThrowsAsync<PostgresException>(
            () => AuditTestDatabase.ExecuteAsync(db, """UPDATE "AuditEvents" SET "Details" = '{}'"""));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    private static readonly Dictionary<string, string?> BatchOfTwo = new() { ["Audit:VerifyBatchSize"] = "2" };

    /// <summary>Inserts a checkpoint row with raw SQL; the triggers allow inserts, so this needs no pruning.</summary>
    private static async Task InsertCheckpointAsync(PortalDbContext db) =>
        await AuditTestDatabase.ExecuteAsync(db,
            """INSERT INTO "AuditCheckpoints" ("LastSequence", "LastHash", "PrunedCount", "PrunedAt", "Signature") VALUES (0, '', 0, now(), '')""");
}
