using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Audit;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Audit;

/// <summary>The auditor's queries over events inserted directly, on SQLite and PostgreSQL.</summary>
public sealed class AuditQueriesTests
{
    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Providers => new() { DatabaseProviders.Sqlite, DatabaseProviders.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Paging_walks_older_and_newer_by_id(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var ids = await SeedAsync(host, Enumerable.Range(0, 7).Select(i => Event(i, "ivan", "flow.paused", "flow", "f1")).ToArray());
        await using var scope = host.ScopeFor("u-aud", "audrey", Roles.Auditor);
        var audit = scope.ServiceProvider.GetRequiredService<IAuditQueries>();

        var first = await audit.ListAsync(new AuditQuery(new AuditFilter(), PageSize: 3), CancellationToken.None);
        var second = await audit.ListAsync(new AuditQuery(new AuditFilter(), BeforeId: first.Events[^1].Id, PageSize: 3), CancellationToken.None);
        var back = await audit.ListAsync(new AuditQuery(new AuditFilter(), AfterId: second.Events[0].Id, PageSize: 3), CancellationToken.None);

        Assert.Equal(ids[^3..].Reverse(), first.Events.Select(e => e.Id));
        Assert.True(first.HasOlder);
        Assert.False(first.HasNewer);
        Assert.Equal(ids[1..4].Reverse(), second.Events.Select(e => e.Id));
        Assert.True(second.HasNewer);
        Assert.Equal(first.Events.Select(e => e.Id), back.Events.Select(e => e.Id));
        Assert.False(back.HasNewer);
        Assert.True(back.HasOlder);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Filters_combine_actor_action_flow_request_tool_dates_and_text(string provider)
    {
        var flowId = Guid.NewGuid();
        var requestId = Guid.NewGuid();
        await using var host = await PortalTestHost.StartAsync(provider);
        var ids = await SeedAsync(
            host,
            Event(0, "ivan", AuditActions.RequestApproved, "request", requestId.ToString()),
            Event(1, "rita", AuditActions.FlowCreated, "flow", flowId.ToString(), $"{{\"requestId\":\"{requestId}\",\"name\":\"Mirror\"}}"),
            Event(2, "rita", AuditActions.FlowActivated, "flow", flowId.ToString()),
            Event(3, "ivan", AuditActions.ConnectionCreated, "connection", "c1", "{\"toolKey\":\"github\",\"name\":\"Support GitHub\"}"),
            Event(48, "ivan", AuditActions.ToolStatusChanged, "tool", "github"));
        await using var scope = host.ScopeFor("u-aud", "audrey", Roles.Auditor);
        var audit = scope.ServiceProvider.GetRequiredService<IAuditQueries>();

        async Task<string[]> ActionsAsync(AuditFilter filter) =>
            [.. (await audit.ListAsync(new AuditQuery(filter), CancellationToken.None)).Events.Select(e => e.Action).Reverse()];

        Assert.Equal([AuditActions.RequestApproved, AuditActions.ConnectionCreated, AuditActions.ToolStatusChanged], await ActionsAsync(new(Actor: "ivan")));
        Assert.Equal([AuditActions.FlowCreated, AuditActions.FlowActivated], await ActionsAsync(new(Action: "flow.")));
        Assert.Equal([AuditActions.FlowActivated], await ActionsAsync(new(Action: AuditActions.FlowActivated)));
        Assert.Equal([AuditActions.FlowCreated, AuditActions.FlowActivated], await ActionsAsync(new(FlowId: flowId)));
        Assert.Equal([AuditActions.RequestApproved, AuditActions.FlowCreated], await ActionsAsync(new(RequestId: requestId)));
        Assert.Equal([AuditActions.ConnectionCreated, AuditActions.ToolStatusChanged], await ActionsAsync(new(Tool: "github")));
        Assert.Equal([AuditActions.FlowCreated, AuditActions.FlowActivated], await ActionsAsync(new(From: Start.AddHours(1), To: Start.AddHours(3))));
        Assert.Equal([AuditActions.FlowCreated], await ActionsAsync(new(Text: "MIRROR")));
        Assert.Equal(2, await audit.CountAsync(new AuditFilter(Actor: "rita"), CancellationToken.None));

        // The only newer "ivan" event is above the cursor, so the page below it reports a newer one.
        var ivanBelowTool = await audit.ListAsync(new AuditQuery(new AuditFilter(Actor: "ivan"), BeforeId: ids[4]), CancellationToken.None);
        var ritaBelowTool = await audit.ListAsync(new AuditQuery(new AuditFilter(Actor: "rita"), BeforeId: ids[4]), CancellationToken.None);
        Assert.True(ivanBelowTool.HasNewer);
        Assert.False(ritaBelowTool.HasNewer);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Stream_reads_every_match_across_batches(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var events = Enumerable.Range(0, AuditQueries.StreamBatchSize + 5)
            .Select(i => Event(i, i % 2 == 0 ? "ivan" : "rita", "flow.paused", "flow", "f1"))
            .ToArray();
        await SeedAsync(host, events);
        await using var scope = host.ScopeFor("u-aud", "audrey", Roles.Auditor);
        var audit = scope.ServiceProvider.GetRequiredService<IAuditQueries>();

        var streamed = new List<long>();
        await foreach (var auditEvent in audit.StreamAsync(new AuditFilter(Actor: "ivan"), CancellationToken.None))
        {
            streamed.Add(auditEvent.Id);
        }

        Assert.Equal((AuditQueries.StreamBatchSize + 6) / 2, streamed.Count);
        Assert.Equal(streamed.Order(), streamed);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Field_history_lists_each_write_of_one_link(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await using var emulator = await GitHubEmulator.StartAsync();
        emulator.CreateRepository("acme/history-a");
        emulator.CreateRepository("acme/history-b");
        using var setup = new GitHubFlowSetup(emulator);
        var flowId = await setup.BuildActiveFlowAsync(host, "acme/history-a", "acme/history-b");
        var link = new ItemLink(Guid.NewGuid(), flowId, "7", "12", Start);
        var other = Guid.NewGuid();
        var runOne = Guid.NewGuid();
        var runTwo = Guid.NewGuid();
        await using (var seed = host.Services.CreateAsyncScope())
        {
            var db = seed.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.ItemLinks.Add(link);
            await db.SaveChangesAsync();
        }

        await SeedAsync(
            host,
            Event(1, "sync", AuditActions.ItemSynced, "flow", flowId.ToString(), Synced(runOne, 1, link.Id, "B", "12", "title", null, "Printer jam")),
            Event(2, "sync", AuditActions.ItemSynced, "flow", flowId.ToString(), Synced(runOne, 1, other, "B", "99", "title", null, "Other")),
            Event(3, "sync", AuditActions.ItemSynced, "flow", flowId.ToString(), Synced(runTwo, 2, link.Id, "A", "7", "status", "open", "closed")),
            Event(4, "sync", AuditActions.ItemSynced, "flow", flowId.ToString(), Synced(runTwo, 2, link.Id, "B", "12", "title", "Printer jam", "Printer jam, floor 2")));
        await using var scope = host.ScopeFor("u-aud", "audrey", Roles.Auditor);
        var audit = scope.ServiceProvider.GetRequiredService<IAuditQueries>();

        var links = await audit.FindLinksAsync(flowId, "12", CancellationToken.None);
        var history = await audit.GetFieldHistoryAsync(flowId, link.Id, CancellationToken.None);
        var title = history.ByField.Single(g => g.Key == "B:title").ToList();

        Assert.Equal(link.Id, Assert.Single(links).LinkId);
        Assert.Equal(3, history.Writes.Count);
        Assert.Equal(["Printer jam", "Printer jam, floor 2"], title.Select(w => w.NewValue));
        Assert.Equal([runOne, runTwo], title.Select(w => w.RunId));
        Assert.Equal([1, 2], title.Select(w => w.FlowVersion));
        Assert.All(title, w => Assert.Equal("7", w.SourceItemId));
        Assert.Equal("12", history.ByField.Single(g => g.Key == "A:status").Single().SourceItemId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Requester_cannot_read_the_log(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await using var scope = host.ScopeFor("u-req", "rita", Roles.Requester);
        var audit = scope.ServiceProvider.GetRequiredService<IAuditQueries>();

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => audit.ListAsync(new AuditQuery(), CancellationToken.None));
        Assert.Throws<ForbiddenAccessException>(() => audit.StreamAsync(new AuditFilter(), CancellationToken.None));
    }

    [Fact]
    public async Task Date_range_ending_before_start_is_rejected()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using var scope = host.ScopeFor("u-aud", "audrey", Roles.Auditor);
        var audit = scope.ServiceProvider.GetRequiredService<IAuditQueries>();

        var error = await Assert.ThrowsAsync<FluentValidation.ValidationException>(
            () => audit.ListAsync(new AuditQuery(new AuditFilter(From: Start, To: Start.AddDays(-1))), CancellationToken.None));

        Assert.Equal("To", Assert.Single(error.Errors).PropertyName);
    }

    internal static AuditEvent Event(int hour, string actor, string action, string targetType, string targetId, string details = "{}") =>
        new(Start.AddHours(hour), "id-" + actor, actor, action, targetType, targetId, details);

    internal static async Task<long[]> SeedAsync(PortalTestHost host, params AuditEvent[] events)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.AuditEvents.AddRange(events);
        await db.SaveChangesAsync();
        return [.. events.Select(e => e.Id)];
    }

    private static string Synced(Guid run, int version, Guid link, string side, string itemId, string field, string? old, string value) =>
        System.Text.Json.JsonSerializer.Serialize(
            new
            {
                RunId = run,
                FlowVersion = version,
                LinkId = link,
                ItemIdA = "7",
                ItemIdB = side == "B" && itemId == "99" ? "99" : "12",
                Changes = new[] { new { Side = side, ItemId = itemId, Field = field, Old = old, New = value, Conflict = false } },
            },
            WebJson);
}
