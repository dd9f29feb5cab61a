using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Application.Users;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Persistence;

/// <summary>The same persistence checks on SQLite and on a real PostgreSQL server.</summary>
public sealed class PersistenceTests
{
    public static TheoryData<string> Providers => new() { DatabaseProviders.Sqlite, DatabaseProviders.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Initializer_seeds_roles_and_catalog(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var tools = await db.Tools.OrderBy(t => t.Key).Select(t => t.Key).ToListAsync();
        var roles = await db.Roles.Select(r => r.Name).ToListAsync();

        Assert.Equal([ToolKeys.GitHub, ToolKeys.Redmine], tools);
        Assert.Equal(Roles.All.Order(), roles.Order());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Request_lifecycle_writes_audit_events(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        Guid requestId;
        await using (var requester = host.ScopeFor("u-req", "rita@example.com", Roles.Requester))
        {
            requestId = await requester.ServiceProvider.GetRequiredService<IRequestService>().SubmitAsync(NewRequest(), CancellationToken.None);
        }

        await using (var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin))
        {
            await admin.ServiceProvider.GetRequiredService<IRequestService>().ApproveAsync(requestId, CancellationToken.None);
        }

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var request = await db.Requests.SingleAsync();
        var actions = await db.AuditEvents.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        var approval = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.RequestApproved);

        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.Equal("ivan@example.com", request.DecidedBy);
        Assert.Equal([AuditActions.RequestSubmitted, AuditActions.RequestApproved], actions);
        Assert.Equal("ivan@example.com", approval.ActorName);
        Assert.Equal(requestId.ToString(), approval.TargetId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Requester_cannot_approve(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await using var requester = host.ScopeFor("u-req", "rita@example.com", Roles.Requester);
        var requests = requester.ServiceProvider.GetRequiredService<IRequestService>();
        var id = await requests.SubmitAsync(NewRequest(), CancellationToken.None);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => requests.ApproveAsync(id, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Connection_secret_is_stored_encrypted(string provider)
    {
        const string secret = "tok-4f1c2a9e-very-secret";
        await using var host = await PortalTestHost.StartAsync(provider);
        await using (var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin))
        {
            var db = admin.ServiceProvider.GetRequiredService<PortalDbContext>();
            (await db.Tools.SingleAsync(t => t.Key == ToolKeys.Redmine)).ChangeStatus(ToolStatus.Approved, null, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            await admin.ServiceProvider.GetRequiredService<IConnectionService>().CreateAsync(
                new CreateConnectionCommand { Name = "Support Redmine", ToolKey = ToolKeys.Redmine, BaseUrl = "http://127.0.0.1:3000/", Secret = secret },
                CancellationToken.None);
        }

        await using var check = host.Services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<PortalDbContext>().Connections.SingleAsync();
        var details = await check.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.Select(e => e.Details).ToListAsync();
        var protector = check.ServiceProvider.GetRequiredService<ISecretProtector>();

        Assert.DoesNotContain(secret, stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal(secret, protector.Unprotect(stored.ProtectedSecret));
        Assert.Equal("http://127.0.0.1:3000", stored.BaseUrl);
        Assert.All(details, d => Assert.DoesNotContain(secret, d, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Connection_for_unapproved_tool_is_rejected(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await using var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin);
        var command = new CreateConnectionCommand { Name = "GitHub", ToolKey = ToolKeys.GitHub, BaseUrl = "http://127.0.0.1:5080", Secret = "x" };

        var error = await Assert.ThrowsAsync<FluentValidation.ValidationException>(
            () => admin.ServiceProvider.GetRequiredService<IConnectionService>().CreateAsync(command, CancellationToken.None));

        Assert.Equal(nameof(CreateConnectionCommand.ToolKey), Assert.Single(error.Errors).PropertyName);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Flow_mappings_and_link_bases_round_trip(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await SeedFlowAsync(host);
        var linkId = Guid.NewGuid();
        await using (var write = host.Services.CreateAsyncScope())
        {
            var db = write.ServiceProvider.GetRequiredService<PortalDbContext>();
            var link = new ItemLink(linkId, flowId, "12", "7", DateTimeOffset.UtcNow);
            link.BaseA["title"] = "Crash on start";
            db.ItemLinks.Add(link);
            await db.SaveChangesAsync();

            // An in-place edit of the dictionary must be detected and saved.
            link.BaseA["title"] = "Crash on start (fixed)";
            link.BaseB["status"] = null;
            await db.SaveChangesAsync();
        }

        await using var read = host.Services.CreateAsyncScope();
        var readDb = read.ServiceProvider.GetRequiredService<PortalDbContext>();
        var flow = await readDb.Flows.SingleAsync(f => f.Id == flowId);
        var stored = await readDb.ItemLinks.SingleAsync(l => l.Id == linkId);

        Assert.Equal("status", flow.Mappings[1].FieldA);
        Assert.Equal(new ValueMapEntry("Closed", "closed"), flow.Mappings[1].ValueMap[1]);
        Assert.Equal(SyncDirection.AToB, flow.Mappings[1].Direction);
        Assert.Equal("Crash on start (fixed)", stored.BaseA["title"]);
        Assert.True(stored.BaseB.ContainsKey("status"));
        Assert.Null(stored.BaseB["status"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lease_admits_one_holder(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await SeedFlowAsync(host);

        await using var first = host.Services.CreateAsyncScope();
        await using var second = host.Services.CreateAsyncScope();
        var leaseA = first.ServiceProvider.GetRequiredService<Application.Flows.IFlowLease>();
        var leaseB = second.ServiceProvider.GetRequiredService<Application.Flows.IFlowLease>();

        var outcomes = await Task.WhenAll(
            leaseA.TryAcquireAsync(flowId, "worker-a", TimeSpan.FromMinutes(5), CancellationToken.None),
            leaseB.TryAcquireAsync(flowId, "worker-b", TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.Equal(1, outcomes.Count(taken => taken));

        var winner = outcomes[0] ? "worker-a" : "worker-b";
        var loser = outcomes[0] ? "worker-b" : "worker-a";
        await leaseA.ReleaseAsync(flowId, loser, CancellationToken.None);
        Assert.False(await leaseB.TryAcquireAsync(flowId, "worker-c", TimeSpan.FromMinutes(5), CancellationToken.None));

        await leaseA.ReleaseAsync(flowId, winner, CancellationToken.None);
        Assert.True(await leaseB.TryAcquireAsync(flowId, "worker-c", TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Expired_lease_can_be_taken(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await SeedFlowAsync(host);
        await using var scope = host.Services.CreateAsyncScope();
        var lease = scope.ServiceProvider.GetRequiredService<Application.Flows.IFlowLease>();

        Assert.True(await lease.TryAcquireAsync(flowId, "killed-worker", TimeSpan.FromSeconds(-1), CancellationToken.None));
        Assert.True(await lease.TryAcquireAsync(flowId, "next-worker", TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Audit_pages_by_keyset(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await using (var requester = host.ScopeFor("u-req", "rita@example.com", Roles.Requester))
        {
            var requests = requester.ServiceProvider.GetRequiredService<IRequestService>();
            for (var i = 0; i < 5; i++)
            {
                await requests.SubmitAsync(NewRequest(), CancellationToken.None);
            }
        }

        await using var auditor = host.ScopeFor("u-aud", "alma@example.com", Roles.Auditor);
        var queries = auditor.ServiceProvider.GetRequiredService<IAuditQueries>();
        var first = await queries.ListAsync(new AuditQuery(new AuditFilter(), PageSize: 3), CancellationToken.None);
        var second = await queries.ListAsync(new AuditQuery(new AuditFilter(), BeforeId: first.Events[^1].Id, PageSize: 3), CancellationToken.None);
        var filtered = await queries.ListAsync(new AuditQuery(new AuditFilter(Actor: "rita@example.com", Action: "request.")), CancellationToken.None);

        Assert.Equal(3, first.Events.Count);
        Assert.True(first.HasOlder);
        Assert.Equal(2, second.Events.Count);
        Assert.False(second.HasOlder);
        Assert.True(first.Events[^1].Id > second.Events[0].Id);
        Assert.Equal(5, filtered.Events.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Taken_email_is_reported_once(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await using var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin);
        var users = admin.ServiceProvider.GetRequiredService<IUserAdminService>();
        var command = new CreateUserCommand { Email = "rita@example.com", Password = "only lowercase letters", Role = Roles.Requester };
        await users.CreateAsync(command, CancellationToken.None);

        var error = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => users.CreateAsync(command, CancellationToken.None));

        var failure = Assert.Single(error.Errors);
        Assert.Equal(nameof(CreateUserCommand.Email), failure.PropertyName);
        Assert.Contains("rita@example.com", failure.ErrorMessage, StringComparison.Ordinal);
    }

    private static SubmitRequestCommand NewRequest() => new()
    {
        ToolA = ToolKeys.Redmine,
        ToolB = ToolKeys.GitHub,
        UseCase = "Sync support bugs to engineering",
        Fields = "title, description, status",
        Direction = SyncDirection.Both,
        Justification = "Support re-types every bug into GitHub by hand.",
    };

    private static async Task<Guid> SeedFlowAsync(PortalTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = DateTimeOffset.UtcNow;
        var request = new IntegrationRequest(Guid.NewGuid(), "u-req", "rita@example.com", ToolKeys.Redmine, ToolKeys.GitHub, "Sync", "title", SyncDirection.Both, "Needed for support.", now);
        var connectionA = new Domain.Connections.Connection(Guid.NewGuid(), "Redmine", ToolKeys.Redmine, "http://127.0.0.1:3000", "protected", "ivan", now);
        var connectionB = new Domain.Connections.Connection(Guid.NewGuid(), "GitHub", ToolKeys.GitHub, "http://127.0.0.1:5080", "protected", "ivan", now);
        IReadOnlyList<FieldMapping> mappings =
        [
            new("title", "title", SyncDirection.Both, []),
            new("status", "status", SyncDirection.AToB, [new("New", "open"), new("Closed", "closed")]),
        ];
        var flow = new Flow(Guid.NewGuid(), "Support to engineering", request.Id, "u-req", "rita@example.com", connectionA.Id, "support", connectionB.Id, "acme/app", mappings, ConflictRule.MostRecentWins, 5, now);
        db.AddRange(request, connectionA, connectionB, flow);
        await db.SaveChangesAsync();
        return flow.Id;
    }
}
