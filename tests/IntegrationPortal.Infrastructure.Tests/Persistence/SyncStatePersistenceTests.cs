using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Persistence;

/// <summary>The flow and link state that the sync engine's merge and delete rules read, on both providers.</summary>
public sealed class SyncStatePersistenceTests
{
    public static TheoryData<string> Providers => new() { DatabaseProviders.Sqlite, DatabaseProviders.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Flow_rules_and_scope_round_trip(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await SeedFlowAsync(host, DeleteRule.MirrorDelete, new ItemScope(ScopeSide.B, "labels", "sync"));

        await using var read = host.Services.CreateAsyncScope();
        var flow = await read.ServiceProvider.GetRequiredService<PortalDbContext>().Flows.SingleAsync(f => f.Id == flowId);

        Assert.Null(flow.Mappings[0].ConflictRule);
        Assert.Equal(ConflictRule.SideBWins, flow.Mappings[1].ConflictRule);
        Assert.Equal(DeleteRule.MirrorDelete, flow.DeleteRule);
        Assert.Equal(new ItemScope(ScopeSide.B, "labels", "sync"), flow.Scope);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Flow_without_scope_reads_null(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await SeedFlowAsync(host, DeleteRule.UnlinkAndFlag, scope: null);

        await using var read = host.Services.CreateAsyncScope();
        var flow = await read.ServiceProvider.GetRequiredService<PortalDbContext>().Flows.SingleAsync(f => f.Id == flowId);

        Assert.Null(flow.Scope);
        Assert.Equal(DeleteRule.UnlinkAndFlag, flow.DeleteRule);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Mapping_saved_before_rules_reads_flow_default(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await SeedFlowAsync(host, DeleteRule.UnlinkAndFlag, scope: null);
        await using (var write = host.Services.CreateAsyncScope())
        {
            var db = write.ServiceProvider.GetRequiredService<PortalDbContext>();
            const string legacy = """[{"fieldA":"title","fieldB":"title","direction":2,"valueMap":[]}]""";
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Flows\" SET \"Mappings\" = {0}", legacy);
        }

        await using var read = host.Services.CreateAsyncScope();
        var flow = await read.ServiceProvider.GetRequiredService<PortalDbContext>().Flows.SingleAsync(f => f.Id == flowId);

        var mapping = Assert.Single(flow.Mappings);
        Assert.Equal(SyncDirection.Both, mapping.Direction);
        Assert.Null(mapping.ConflictRule);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Link_state_round_trips(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await SeedFlowAsync(host, DeleteRule.UnlinkAndFlag, scope: null);
        var missingSince = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
        var activeId = Guid.NewGuid();
        var flaggedId = Guid.NewGuid();
        await using (var write = host.Services.CreateAsyncScope())
        {
            var db = write.ServiceProvider.GetRequiredService<PortalDbContext>();
            var flagged = new ItemLink(flaggedId, flowId, "12", "7", missingSince);
            flagged.MarkMissing("B", counterpartClosed: true, missingSince);
            db.ItemLinks.AddRange(new ItemLink(activeId, flowId, "13", "8", missingSince), flagged);
            await db.SaveChangesAsync();
        }

        await using var read = host.Services.CreateAsyncScope();
        var links = await read.ServiceProvider.GetRequiredService<PortalDbContext>().ItemLinks.ToDictionaryAsync(l => l.Id);

        Assert.Equal(LinkState.Active, links[activeId].State);
        Assert.Null(links[activeId].MissingSide);
        Assert.Equal(LinkState.DeleteMirrored, links[flaggedId].State);
        Assert.Equal("B", links[flaggedId].MissingSide);
        Assert.Equal(missingSince, links[flaggedId].MissingSince);
    }

    private static async Task<Guid> SeedFlowAsync(PortalTestHost host, DeleteRule deleteRule, ItemScope? scope)
    {
        await using var scopeServices = host.Services.CreateAsyncScope();
        var db = scopeServices.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = DateTimeOffset.UtcNow;
        var request = new IntegrationRequest(Guid.NewGuid(), "u-req", "rita@example.com", ToolKeys.Redmine, ToolKeys.GitHub, "Sync", "title", SyncDirection.Both, "Needed for support.", now);
        var connectionA = new Domain.Connections.Connection(Guid.NewGuid(), "Redmine", ToolKeys.Redmine, "http://127.0.0.1:3000", "protected", "ivan", now);
        var connectionB = new Domain.Connections.Connection(Guid.NewGuid(), "GitHub", ToolKeys.GitHub, "http://127.0.0.1:5080", "protected", "ivan", now);
        IReadOnlyList<FieldMapping> mappings =
        [
            new("title", "title", SyncDirection.Both, []),
            new("status", "status", SyncDirection.Both, [new("Closed", "closed")], ConflictRule.SideBWins),
        ];
        var flow = new Flow(
            Guid.NewGuid(), "Support to engineering", request.Id, "u-req", "rita@example.com", connectionA.Id, "support",
            connectionB.Id, "acme/app", mappings, ConflictRule.MostRecentWins, 5, now, deleteRule, scope);
        db.AddRange(request, connectionA, connectionB, flow);
        await db.SaveChangesAsync();
        return flow.Id;
    }
}
