using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Audit.Chain;
using IntegrationPortal.Infrastructure.Audit;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationPortal.Infrastructure.Tests.Audit;

/// <summary>Retention: pruning deletes old events behind a signed checkpoint, and the rest still verifies.</summary>
public sealed class AuditPruningTests
{
    // 32 bytes of test data in base64; a real key comes from `openssl rand -base64 32`.
    private const string TestKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Prune_keeps_chain_verifiable(string provider)
    {
        await using var host = await StartAsync(provider);
        await AuditTestDatabase.RecordEventsAsync(host, 5, "old");
        var old = await AuditTestDatabase.ReadChainAsync(host);
        _clock.Advance(TimeSpan.FromDays(40));
        await AuditTestDatabase.RecordEventsAsync(host, 3, "recent");

        var result = await PruneAsync(host);
        var remaining = await AuditTestDatabase.ReadChainAsync(host);
        var report = await AuditTestDatabase.VerifyAsync(host);
        var checkpoint = await ReadCheckpointAsync(host);

        Assert.Equal(5, result!.PrunedCount);
        Assert.Equal(5, result.ThroughSequence);
        Assert.Equal(["recent.event", "recent.event", "recent.event", AuditActions.Pruned], remaining.Select(e => e.Action));
        Assert.Equal(old[^1].Hash, remaining[0].PreviousHash);
        Assert.Equal(old[^1].Hash, checkpoint.LastHash);
        Assert.True(report.IsIntact, report.Break?.Message);
        Assert.Equal(6, report.FromSequence);
        Assert.Equal(4, report.CheckedCount);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Appends_after_pruning_everything_continue_chain(string provider)
    {
        await using var host = await StartAsync(provider);
        await AuditTestDatabase.RecordEventsAsync(host, 2, "old");
        _clock.Advance(TimeSpan.FromDays(40));
        await PruneAsync(host);
        await AuditTestDatabase.RecordEventsAsync(host, 2, "recent");
        _clock.Advance(TimeSpan.FromDays(40));

        var second = await PruneAsync(host);
        var report = await AuditTestDatabase.VerifyAsync(host);

        // Sequences 1 and 2 went first, then the first pruning event (3) and the recent events (4, 5).
        Assert.Equal(5, second!.ThroughSequence);
        Assert.True(report.IsIntact, report.Break?.Message);
        Assert.Equal(6, report.FromSequence);
        Assert.Equal(1, report.CheckedCount);
    }

    [Fact]
    public async Task Prune_with_nothing_old_writes_nothing()
    {
        await using var host = await StartAsync(DatabaseProviders.Sqlite);
        await AuditTestDatabase.RecordEventsAsync(host, 2);

        var result = await PruneAsync(host);
        var chain = await AuditTestDatabase.ReadChainAsync(host);

        Assert.Null(result);
        Assert.Equal(2, chain.Count);
    }

    [Theory]
    [InlineData(DatabaseProviders.Sqlite, """UPDATE "AuditCheckpoints" SET "PrunedCount" = 1""")]
    [InlineData(DatabaseProviders.PostgreSql, """UPDATE "AuditCheckpoints" SET "PrunedCount" = 1""")]
    [InlineData(DatabaseProviders.Sqlite, """UPDATE "AuditCheckpoints" SET "LastSequence" = 4""")]
    public async Task Tampered_checkpoint_is_detected(string provider, string sql)
    {
        await using var host = await StartAsync(provider);
        await AuditTestDatabase.RecordEventsAsync(host, 5);
        _clock.Advance(TimeSpan.FromDays(40));
        await AuditTestDatabase.RecordEventsAsync(host, 1);
        await PruneAsync(host);

        await AuditTestDatabase.TamperAsync(host, provider, sql);
        var report = await AuditTestDatabase.VerifyAsync(host);

        Assert.Equal(AuditChainBreakKind.CheckpointInvalid, report.Break!.Kind);
    }

    [Fact]
    public async Task Deleted_checkpoint_shows_pruned_gap()
    {
        await using var host = await StartAsync(DatabaseProviders.Sqlite);
        await AuditTestDatabase.RecordEventsAsync(host, 3);
        _clock.Advance(TimeSpan.FromDays(40));
        await AuditTestDatabase.RecordEventsAsync(host, 1);
        await PruneAsync(host);

        await AuditTestDatabase.TamperAsync(host, DatabaseProviders.Sqlite, """DELETE FROM "AuditCheckpoints" """);
        var report = await AuditTestDatabase.VerifyAsync(host);

        Assert.Equal(AuditChainBreakKind.Deleted, report.Break!.Kind);
        Assert.Equal("sequence 1", report.Break.Expected);
    }

    [Fact]
    public async Task Checkpoint_without_key_cannot_verify()
    {
        await using (var host = await StartAsync(DatabaseProviders.Sqlite))
        {
            await AuditTestDatabase.RecordEventsAsync(host, 1);
            _clock.Advance(TimeSpan.FromDays(40));
            await AuditTestDatabase.RecordEventsAsync(host, 1);
            await PruneAsync(host);

            var signer = new AuditCheckpointSigner(Microsoft.Extensions.Options.Options.Create(new AuditOptions()));
            await using var scope = host.Services.CreateAsyncScope();
            var verifier = new AuditChainVerifier(
                scope.ServiceProvider.GetRequiredService<PortalDbContext>(),
                signer,
                Microsoft.Extensions.Options.Options.Create(new AuditOptions()));
            var report = await verifier.VerifyAsync(null, CancellationToken.None);

            Assert.Equal(AuditChainBreakKind.CheckpointInvalid, report.Break!.Kind);
            Assert.Contains("Audit:CheckpointKey", report.Break.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null, "Audit:CheckpointKey is missing")]
    [InlineData("not base64!", "Audit:CheckpointKey is not valid base64")]
    [InlineData("AAECAwQ=", "Audit:CheckpointKey has 5 bytes")]
    public async Task Retention_without_valid_key_fails_at_start(string? key, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PortalTestHost.StartAsync(
            DatabaseProviders.Sqlite,
            new Dictionary<string, string?> { ["Audit:RetentionDays"] = "30", ["Audit:CheckpointKey"] = key }));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Broken_chain_is_not_pruned(string provider)
    {
        await using var host = await StartAsync(provider);
        await AuditTestDatabase.RecordEventsAsync(host, 3);
        _clock.Advance(TimeSpan.FromDays(40));
        await AuditTestDatabase.TamperAsync(host, provider, """UPDATE "AuditEvents" SET "ActorName" = 'mallory' WHERE "Sequence" = 2""");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PruneAsync(host));
        var chain = await AuditTestDatabase.ReadChainAsync(host);

        Assert.Contains("no event was pruned", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, chain.Count);
    }

    private Task<PortalTestHost> StartAsync(string provider) =>
        PortalTestHost.StartAsync(
            provider,
            new Dictionary<string, string?> { ["Audit:RetentionDays"] = "30", ["Audit:CheckpointKey"] = TestKey },
            services => services.AddSingleton<TimeProvider>(_clock));

    private static async Task<AuditPruneResult?> PruneAsync(PortalTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditPruner>().PruneAsync(CancellationToken.None);
    }

    private static async Task<Domain.Audit.AuditCheckpoint> ReadCheckpointAsync(PortalTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditCheckpoints.AsNoTracking().SingleAsync();
    }
}
