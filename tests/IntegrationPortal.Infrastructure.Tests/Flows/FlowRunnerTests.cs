using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Flows;

/// <summary>
/// The runner with the real engine, store, connectors and database, syncing two repositories of
/// the GitHub emulator, so every layer below the UI takes part.
/// </summary>
public sealed class FlowRunnerTests : IAsyncLifetime
{
    private const string Support = "acme/support";
    private const string Engineering = "acme/engineering-runner";

    private GitHubEmulator _emulator = null!;
    private HttpClient _github = null!;

    public async Task InitializeAsync()
    {
        _emulator = await GitHubEmulator.StartAsync();
        _emulator.CreateRepository(Support);
        _emulator.CreateRepository(Engineering);
        _github = new HttpClient { BaseAddress = _emulator.BaseUrl };
        _github.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GitHubEmulator.DefaultToken);
        _github.DefaultRequestHeaders.UserAgent.ParseAdd("IntegrationPortal-Tests");
    }

    public async Task DisposeAsync()
    {
        _github.Dispose();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Run_creates_then_propagates_edit(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var first = await CreateIssueAsync(Support, "Printer queue stalls", "Steps:\r\n1. Print\r\n2. Wait");
        await CreateIssueAsync(Support, "Login page slow", null);
        var flowId = await BuildActiveFlowAsync(host);

        var run1 = await RunAsync(host, flowId);
        var copies = await ListIssuesAsync(Engineering);
        var copy = copies.Single(i => (string)i["title"]! == "Printer queue stalls");

        Assert.Equal(SyncRunStatus.Succeeded, run1.Status);
        Assert.Equal(2, run1.ItemsCreated);
        Assert.Equal(2, copies.Count);
        // The body is written as canonical Markdown, which puts a blank line before a list, and the
        // create token's marker follows it.
        Assert.StartsWith("Steps:\n\n1. Print\n2. Wait\n\n<!-- integrationportal:create-token=", (string?)copy["body"]);

        await PatchIssueAsync(Engineering, (int)copy["number"]!, new { title = "Printer queue stalls after update", state = "closed" });
        var run2 = await RunAsync(host, flowId);
        var original = await GetIssueAsync(Support, first);

        Assert.Equal(1, run2.ItemsUpdated);
        Assert.Equal("Printer queue stalls after update", (string)original["title"]!);
        Assert.Equal("closed", (string)original["state"]!);

        var run3 = await RunAsync(host, flowId);
        Assert.Equal(0, run3.ItemsUpdated);
        Assert.Equal(0, run3.ItemsCreated);

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var synced = await db.AuditEvents.Where(e => e.Action == AuditActions.ItemSynced).ToListAsync();
        var finished = await db.AuditEvents.CountAsync(e => e.Action == AuditActions.FlowRunFinished);
        Assert.Equal(2, await db.ItemLinks.CountAsync());
        Assert.Equal(3, finished);
        Assert.Contains(synced, e => e.Details.Contains("Printer queue stalls after update", StringComparison.Ordinal));
        Assert.All(synced, e => Assert.Equal(CurrentUser.SystemName, e.ActorName));
        Assert.All(await db.AuditEvents.Select(e => e.Details).ToListAsync(), d => Assert.DoesNotContain(GitHubEmulator.DefaultToken, d, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Run_flags_link_of_deleted_issue_once(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var original = await CreateIssueAsync(Support, "Badge reader offline", null);
        var flowId = await BuildActiveFlowAsync(host);
        await RunAsync(host, flowId);
        var copy = (int)(await ListIssuesAsync(Engineering)).Single()["number"]!;

        _emulator.DeleteIssue(Engineering, copy);
        await PatchIssueAsync(Support, original, new { title = "Badge reader offline on floor 2" });
        var flagging = await RunAsync(host, flowId);
        await PatchIssueAsync(Support, original, new { title = "Badge reader offline on floors 2 and 3" });
        var next = await RunAsync(host, flowId);

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var link = await db.ItemLinks.SingleAsync();
        var flagged = await db.AuditEvents.Where(e => e.Action == AuditActions.ItemLinkFlagged).ToListAsync();
        Assert.Contains("was not found", flagging.Warnings ?? string.Empty, StringComparison.Ordinal);
        Assert.Null(next.Warnings);
        Assert.Equal(LinkState.CounterpartMissing, link.State);
        Assert.Equal("B", link.MissingSide);
        Assert.Equal(copy.ToString(CultureInfo.InvariantCulture), link.ItemIdB);
        Assert.Contains(nameof(LinkState.CounterpartMissing), Assert.Single(flagged).Details, StringComparison.Ordinal);
        Assert.Empty(await ListIssuesAsync(Engineering));
        Assert.Equal("open", (string)(await GetIssueAsync(Support, original))["state"]!);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Run_with_mirrored_deletes_closes_counterpart(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var original = await CreateIssueAsync(Support, "Badge reader offline", null);
        var flowId = await BuildActiveFlowAsync(host, deleteRule: DeleteRule.MirrorDelete);
        await RunAsync(host, flowId);
        var copy = (int)(await ListIssuesAsync(Engineering)).Single()["number"]!;

        _emulator.DeleteIssue(Engineering, copy);
        await PatchIssueAsync(Support, original, new { title = "Badge reader offline on floor 2" });
        var run = await RunAsync(host, flowId);

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(LinkState.DeleteMirrored, (await db.ItemLinks.SingleAsync()).State);
        Assert.Equal("closed", (string)(await GetIssueAsync(Support, original))["state"]!);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Run_skips_while_lease_is_held(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await BuildActiveFlowAsync(host);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IFlowLease>().TryAcquireAsync(flowId, "other-worker", TimeSpan.FromMinutes(5), CancellationToken.None);
        }

        await using var runner = host.Services.CreateAsyncScope();
        runner.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var run = await runner.ServiceProvider.GetRequiredService<FlowRunner>().RunAsync(flowId, "manual", CancellationToken.None);

        Assert.Null(run);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Run_with_rejected_token_fails_cleanly(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await BuildActiveFlowAsync(host, token: "revoked-token");

        var run = await RunAsync(host, flowId);

        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.NotNull(run.Error);
        Assert.DoesNotContain("revoked-token", run.Error, StringComparison.Ordinal);
    }

    private static async Task<SyncRun> RunAsync(PortalTestHost host, Guid flowId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var run = await scope.ServiceProvider.GetRequiredService<FlowRunner>().RunAsync(flowId, "manual", CancellationToken.None);
        return run ?? throw new InvalidOperationException("The runner skipped the run.");
    }

    private async Task<Guid> BuildActiveFlowAsync(
        PortalTestHost host,
        string token = GitHubEmulator.DefaultToken,
        DeleteRule deleteRule = DeleteRule.UnlinkAndFlag)
    {
        Guid connectionA;
        Guid connectionB;
        await using (var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin))
        {
            var catalog = admin.ServiceProvider.GetRequiredService<Application.Catalog.ICatalogService>();
            await catalog.SetToolStatusAsync(new(ToolKeys.GitHub, ToolStatus.Approved, null), CancellationToken.None);
            var connections = admin.ServiceProvider.GetRequiredService<IConnectionService>();
            connectionA = await connections.CreateAsync(NewConnection("Support GitHub", token), CancellationToken.None);
            connectionB = await connections.CreateAsync(NewConnection("Engineering GitHub", token), CancellationToken.None);
        }

        await TestGrants.AllowUseAsync(host, "u-req", "rita@example.com", connectionA, connectionB);

        Guid requestId;
        await using (var requester = host.ScopeFor("u-req", "rita@example.com", Roles.Requester))
        {
            requestId = await requester.ServiceProvider.GetRequiredService<IRequestService>().SubmitAsync(
                new SubmitRequestCommand
                {
                    ToolA = ToolKeys.GitHub,
                    ToolB = ToolKeys.GitHub,
                    UseCase = "Mirror support issues",
                    Fields = "title, description, status",
                    Justification = "Engineering works from its own repository.",
                },
                CancellationToken.None);
        }

        await using (var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin))
        {
            await admin.ServiceProvider.GetRequiredService<IRequestService>().ApproveAsync(requestId, CancellationToken.None);
        }

        await using var owner = host.ScopeFor("u-req", "rita@example.com", Roles.Requester);
        var flows = owner.ServiceProvider.GetRequiredService<IFlowService>();
        var flowId = await flows.CreateAsync(
            new SaveFlowCommand
            {
                RequestId = requestId,
                Name = "Support to engineering",
                ConnectionAId = connectionA,
                ContainerA = Support,
                ConnectionBId = connectionB,
                ContainerB = Engineering,
                Mappings =
                [
                    new FieldMappingInput { FieldA = "title", FieldB = "title" },
                    new FieldMappingInput { FieldA = "description", FieldB = "description" },
                    new FieldMappingInput { FieldA = "status", FieldB = "status" },
                ],
                DeleteRule = deleteRule,
            },
            CancellationToken.None);
        await flows.ActivateAsync(flowId, CancellationToken.None);
        return flowId;
    }

    private CreateConnectionCommand NewConnection(string name, string token) =>
        new() { Name = name, ToolKey = ToolKeys.GitHub, BaseUrl = _emulator.BaseUrl.ToString(), Secret = token };

    private async Task<int> CreateIssueAsync(string repository, string title, string? body)
    {
        using var response = await _github.PostAsJsonAsync(new Uri($"repos/{repository}/issues", UriKind.Relative), new { title, body });
        response.EnsureSuccessStatusCode();
        return (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["number"]!;
    }

    private async Task<List<JsonObject>> ListIssuesAsync(string repository)
    {
        var issues = await _github.GetFromJsonAsync<JsonArray>(new Uri($"repos/{repository}/issues?state=all&per_page=100", UriKind.Relative));
        return [.. issues!.Select(i => i!.AsObject())];
    }

    private async Task<JsonObject> GetIssueAsync(string repository, int number) =>
        (await _github.GetFromJsonAsync<JsonObject>(new Uri($"repos/{repository}/issues/{number}", UriKind.Relative)))!;

    private async Task PatchIssueAsync(string repository, int number, object changes)
    {
        using var response = await _github.PatchAsJsonAsync(new Uri($"repos/{repository}/issues/{number}", UriKind.Relative), changes);
        response.EnsureSuccessStatusCode();
    }
}
