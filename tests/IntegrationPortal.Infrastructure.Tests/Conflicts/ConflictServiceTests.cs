using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Conflicts;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Conflicts;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Conflicts;

/// <summary>
/// The conflict queue end to end: a real run between two repositories of the GitHub emulator finds
/// a conflict, the store queues it, and the service resolves it through the real connectors.
/// </summary>
public sealed class ConflictServiceTests : IAsyncLifetime
{
    private const string Support = "acme/support";
    private const string Engineering = "acme/engineering-conflicts";
    private const string OwnerId = "u-req";
    private const string OwnerName = "rita@example.com";

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
    public async Task Conflict_is_queued_and_resolved(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var scenario = await StartConflictAsync(host);

        var queued = Assert.Single(await ListOpenAsync(host, scenario.FlowId));
        Assert.Equal("title", queued.FieldA);
        Assert.Equal("Printer stalls (support)", queued.ValueA);
        Assert.Equal("Printer stalls (engineering)", queued.ValueB);
        Assert.Equal(ConflictRule.MostRecentWins, queued.Rule);
        Assert.True(queued.CanResolve);
        Assert.Equal(1, (await CountOpenAsync(host))[scenario.FlowId]);

        // Keep the value the rule dropped, so the resolution has to write it back to the rule's winner.
        var choice = queued.KeptSide == "A" ? ConflictResolution.KeepB : ConflictResolution.KeepA;
        var expected = queued.KeptSide == "A" ? queued.ValueB : queued.ValueA;
        await ResolveAsOwnerAsync(host, queued.Id, choice);

        Assert.Equal(expected, (string)(await GetIssueAsync(Support, scenario.IssueA))["title"]!);
        Assert.Equal(expected, (string)(await GetIssueAsync(Engineering, scenario.IssueB))["title"]!);
        Assert.Empty(await ListOpenAsync(host, scenario.FlowId));
        Assert.Empty(await CountOpenAsync(host));

        var run = await RunAsync(host, scenario.FlowId);
        Assert.Equal(0, run.ItemsUpdated);
        Assert.Equal(0, run.Conflicts);

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stored = await db.SyncConflicts.SingleAsync();
        var detected = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ConflictDetected);
        var resolved = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ConflictResolved);
        Assert.Equal(ConflictStatus.Resolved, stored.Status);
        Assert.Equal(choice, stored.Resolution);
        Assert.Equal(OwnerName, stored.ResolvedByName);
        Assert.Equal(CurrentUser.SystemName, detected.ActorName);
        Assert.Contains("Printer stalls (engineering)", detected.Details, StringComparison.Ordinal);
        Assert.Equal(OwnerName, resolved.ActorName);
        Assert.Contains(choice.ToString(), resolved.Details, StringComparison.Ordinal);
        Assert.All(await db.AuditEvents.Select(e => e.Details).ToListAsync(), d => Assert.DoesNotContain(GitHubEmulator.DefaultToken, d, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Newer_conflict_supersedes_open_one(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var scenario = await StartConflictAsync(host);

        await PatchIssueAsync(Support, scenario.IssueA, new { title = "Printer stalls again (support)" });
        await PatchIssueAsync(Engineering, scenario.IssueB, new { title = "Printer stalls again (engineering)" });
        var run = await RunAsync(host, scenario.FlowId);

        var open = Assert.Single(await ListOpenAsync(host, scenario.FlowId));
        await using var check = host.Services.CreateAsyncScope();
        var statuses = await check.ServiceProvider.GetRequiredService<PortalDbContext>().SyncConflicts
            .Select(c => c.Status).ToListAsync();
        Assert.Equal(1, run.Conflicts);
        Assert.Equal("Printer stalls again (support)", open.ValueA);
        Assert.Equal([ConflictStatus.Open, ConflictStatus.Superseded], statuses.Order());
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Typed_value_is_written_and_checked(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var scenario = await StartConflictAsync(host, labelsToo: true);
        var conflicts = await ListOpenAsync(host, scenario.FlowId);
        var title = conflicts.Single(c => c.FieldA == "title");
        var labels = conflicts.Single(c => c.FieldA == "labels");

        var notInMap = await Assert.ThrowsAsync<ValidationException>(
            () => ResolveAsOwnerAsync(host, labels.Id, ConflictResolution.Custom, "urgent"));
        var empty = await Assert.ThrowsAsync<ValidationException>(
            () => ResolveAsOwnerAsync(host, title.Id, ConflictResolution.Custom, "  "));
        await ResolveAsOwnerAsync(host, title.Id, ConflictResolution.Custom, "Printer stalls on tray 2");
        await ResolveAsOwnerAsync(host, labels.Id, ConflictResolution.Custom, "Docs");

        var failure = Assert.Single(notInMap.Errors);
        Assert.Equal(nameof(ResolveConflictCommand.Value), failure.PropertyName);
        Assert.Contains("'urgent' is not one of the value map", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("bug, feature, docs", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(nameof(ResolveConflictCommand.Value), Assert.Single(empty.Errors).PropertyName);
        Assert.Equal(["bug", "feature", "docs"], labels.ValueChoices);
        Assert.Empty(title.ValueChoices);

        var issueA = await GetIssueAsync(Support, scenario.IssueA);
        var issueB = await GetIssueAsync(Engineering, scenario.IssueB);
        Assert.Equal("Printer stalls on tray 2", (string)issueA["title"]!);
        Assert.Equal("Printer stalls on tray 2", (string)issueB["title"]!);
        Assert.Equal("docs", (string)issueA["labels"]![0]!["name"]!);
        Assert.Equal("documentation", (string)issueB["labels"]![0]!["name"]!);
        Assert.Empty(await ListOpenAsync(host, scenario.FlowId));
        Assert.Equal(0, (await RunAsync(host, scenario.FlowId)).ItemsUpdated);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Kept_value_is_translated(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var scenario = await StartConflictAsync(host, labelsToo: true);
        var labels = (await ListOpenAsync(host, scenario.FlowId)).Single(c => c.FieldA == "labels");

        await ResolveAsOwnerAsync(host, labels.Id, ConflictResolution.KeepB);

        Assert.Equal("bug", labels.ValueA);
        Assert.Equal("enhancement", labels.ValueB);
        Assert.Equal("feature", (string)(await GetIssueAsync(Support, scenario.IssueA))["labels"]![0]!["name"]!);
        Assert.Equal("enhancement", (string)(await GetIssueAsync(Engineering, scenario.IssueB))["labels"]![0]!["name"]!);
        Assert.Equal(0, (await RunAsync(host, scenario.FlowId)).ItemsUpdated);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Only_owner_or_admin_resolves(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var scenario = await StartConflictAsync(host);
        var conflict = Assert.Single(await ListOpenAsync(host, scenario.FlowId));
        var command = new ResolveConflictCommand { ConflictId = conflict.Id, Resolution = ConflictResolution.KeepA };

        await using (var other = host.ScopeFor("u-other", "omar@example.com", Roles.Requester))
        {
            var refusal = await Assert.ThrowsAsync<ForbiddenAccessException>(
                () => other.ServiceProvider.GetRequiredService<IConflictService>().ResolveAsync(command, CancellationToken.None));
            Assert.Contains("Only the flow's owner (rita@example.com) or an IT admin", refusal.Message, StringComparison.Ordinal);
        }

        await using (var auditor = host.ScopeFor("u-audit", "ada@example.com", Roles.Auditor))
        {
            var service = auditor.ServiceProvider.GetRequiredService<IConflictService>();
            Assert.False(Assert.Single(await service.ListOpenAsync(scenario.FlowId, CancellationToken.None)).CanResolve);
            await Assert.ThrowsAsync<ForbiddenAccessException>(() => service.ResolveAsync(command, CancellationToken.None));
        }

        await using (var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin))
        {
            await admin.ServiceProvider.GetRequiredService<IConflictService>().ResolveAsync(command, CancellationToken.None);
        }

        Assert.Empty(await ListOpenAsync(host, scenario.FlowId));
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Resolve_waits_for_running_flow(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var scenario = await StartConflictAsync(host);
        var conflict = Assert.Single(await ListOpenAsync(host, scenario.FlowId));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IFlowLease>().TryAcquireAsync(scenario.FlowId, "other-worker", TimeSpan.FromMinutes(5), CancellationToken.None);
        }

        var refusal = await Assert.ThrowsAsync<DomainException>(() => ResolveAsOwnerAsync(host, conflict.Id, ConflictResolution.KeepA));

        Assert.Equal("A run of this flow is in progress; try again in a moment.", refusal.Message);
        Assert.Single(await ListOpenAsync(host, scenario.FlowId));
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Paused_flow_rejects_resolution(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var scenario = await StartConflictAsync(host);
        var conflict = Assert.Single(await ListOpenAsync(host, scenario.FlowId));
        await using (var owner = host.ScopeFor(OwnerId, OwnerName, Roles.Requester))
        {
            await owner.ServiceProvider.GetRequiredService<IFlowService>().PauseAsync(scenario.FlowId, "Policy review", CancellationToken.None);
        }

        var refusal = await Assert.ThrowsAsync<DomainException>(() => ResolveAsOwnerAsync(host, conflict.Id, ConflictResolution.KeepB));

        Assert.StartsWith("The flow is not active", refusal.Message, StringComparison.Ordinal);
        Assert.Single(await ListOpenAsync(host, scenario.FlowId));
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Tool_failure_keeps_conflict_open(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var scenario = await StartConflictAsync(host);
        var conflict = Assert.Single(await ListOpenAsync(host, scenario.FlowId));
        _emulator.InjectFaults(count: 10, statusCode: 422);

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => ResolveAsOwnerAsync(host, conflict.Id, ConflictResolution.KeepA));
        _emulator.InjectFaults(count: 0, statusCode: 422);

        Assert.StartsWith("Resolving the conflict on field title failed, so it stays open:", failure.Message, StringComparison.Ordinal);
        Assert.Single(await ListOpenAsync(host, scenario.FlowId));
        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ConflictResolveFailed));
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ConflictResolved));
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Edit_after_conflict_blocks_resolution(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var scenario = await StartConflictAsync(host);
        var conflict = Assert.Single(await ListOpenAsync(host, scenario.FlowId));
        await PatchIssueAsync(Engineering, scenario.IssueB, new { title = "Printer stalls, edited later" });

        var refusal = await Assert.ThrowsAsync<DomainException>(() => ResolveAsOwnerAsync(host, conflict.Id, ConflictResolution.KeepA));

        Assert.Contains("on side B changed after the conflict was found", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("Printer stalls, edited later", (string)(await GetIssueAsync(Engineering, scenario.IssueB))["title"]!);
        Assert.Single(await ListOpenAsync(host, scenario.FlowId));
    }

    /// <summary>
    /// Creates an issue, syncs it, then edits its title (and with <paramref name="labelsToo"/> its
    /// labels) differently on both sides, and runs the flow again so the run finds the conflicts.
    /// </summary>
    private async Task<ConflictScenario> StartConflictAsync(PortalTestHost host, bool labelsToo = false)
    {
        var issueA = await CreateIssueAsync(Support, "Printer stalls");
        var flowId = await BuildActiveFlowAsync(host);
        Assert.Equal(1, (await RunAsync(host, flowId)).ItemsCreated);
        var issueB = (int)(await ListIssuesAsync(Engineering)).Single()["number"]!;

        await PatchIssueAsync(Support, issueA, new { title = "Printer stalls (support)" });
        await PatchIssueAsync(Engineering, issueB, new { title = "Printer stalls (engineering)" });
        if (labelsToo)
        {
            await PatchIssueAsync(Support, issueA, new { labels = new[] { "bug" } });
            await PatchIssueAsync(Engineering, issueB, new { labels = new[] { "enhancement" } });
        }

        var run = await RunAsync(host, flowId);
        Assert.Equal(labelsToo ? 2 : 1, run.Conflicts);
        return new ConflictScenario(flowId, issueA, issueB);
    }

    private static async Task<IReadOnlyList<ConflictDto>> ListOpenAsync(PortalTestHost host, Guid flowId)
    {
        await using var owner = host.ScopeFor(OwnerId, OwnerName, Roles.Requester);
        return await owner.ServiceProvider.GetRequiredService<IConflictService>().ListOpenAsync(flowId, CancellationToken.None);
    }

    private static async Task<IReadOnlyDictionary<Guid, int>> CountOpenAsync(PortalTestHost host)
    {
        await using var owner = host.ScopeFor(OwnerId, OwnerName, Roles.Requester);
        return await owner.ServiceProvider.GetRequiredService<IConflictService>().CountOpenByFlowAsync(CancellationToken.None);
    }

    private static async Task ResolveAsOwnerAsync(PortalTestHost host, Guid conflictId, ConflictResolution resolution, string? value = null)
    {
        await using var owner = host.ScopeFor(OwnerId, OwnerName, Roles.Requester);
        await owner.ServiceProvider.GetRequiredService<IConflictService>().ResolveAsync(
            new ResolveConflictCommand { ConflictId = conflictId, Resolution = resolution, Value = value },
            CancellationToken.None);
    }

    private static async Task<SyncRun> RunAsync(PortalTestHost host, Guid flowId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        var run = await scope.ServiceProvider.GetRequiredService<FlowRunner>().RunAsync(flowId, "manual", CancellationToken.None);
        return run ?? throw new InvalidOperationException("The runner skipped the run.");
    }

    private async Task<Guid> BuildActiveFlowAsync(PortalTestHost host)
    {
        Guid connectionA;
        Guid connectionB;
        await using (var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin))
        {
            await admin.ServiceProvider.GetRequiredService<Application.Catalog.ICatalogService>()
                .SetToolStatusAsync(new(ToolKeys.GitHub, ToolStatus.Approved, null), CancellationToken.None);
            var connections = admin.ServiceProvider.GetRequiredService<IConnectionService>();
            connectionA = await connections.CreateAsync(NewConnection("Support GitHub"), CancellationToken.None);
            connectionB = await connections.CreateAsync(NewConnection("Engineering GitHub"), CancellationToken.None);
        }

        await TestGrants.AllowUseAsync(host, OwnerId, OwnerName, connectionA, connectionB);

        Guid requestId;
        await using (var requester = host.ScopeFor(OwnerId, OwnerName, Roles.Requester))
        {
            requestId = await requester.ServiceProvider.GetRequiredService<IRequestService>().SubmitAsync(
                new SubmitRequestCommand
                {
                    ToolA = ToolKeys.GitHub,
                    ToolB = ToolKeys.GitHub,
                    UseCase = "Mirror support issues",
                    Fields = "title, labels",
                    Justification = "Engineering works from its own repository.",
                },
                CancellationToken.None);
        }

        await using (var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin))
        {
            await admin.ServiceProvider.GetRequiredService<IRequestService>().ApproveAsync(requestId, CancellationToken.None);
        }

        await using var owner = host.ScopeFor(OwnerId, OwnerName, Roles.Requester);
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
                    new FieldMappingInput
                    {
                        FieldA = "labels",
                        FieldB = "labels",
                        ValueMap =
                        [
                            new() { ValueA = "bug", ValueB = "defect" },
                            new() { ValueA = "feature", ValueB = "enhancement" },
                            new() { ValueA = "docs", ValueB = "documentation" },
                        ],
                    },
                ],
            },
            CancellationToken.None);
        await flows.ActivateAsync(flowId, CancellationToken.None);
        return flowId;
    }

    private CreateConnectionCommand NewConnection(string name) =>
        new() { Name = name, ToolKey = ToolKeys.GitHub, BaseUrl = _emulator.BaseUrl.ToString(), Secret = GitHubEmulator.DefaultToken };

    private async Task<int> CreateIssueAsync(string repository, string title)
    {
        using var response = await _github.PostAsJsonAsync(new Uri($"repos/{repository}/issues", UriKind.Relative), new { title });
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

    private sealed record ConflictScenario(Guid FlowId, int IssueA, int IssueB);
}
