using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Policies;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using IntegrationPortal.Sync.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Policies;

/// <summary>
/// The policy service, the save-time and run-time checks and audit masking, with real databases,
/// the real engine and two repositories of the GitHub emulator.
/// </summary>
public sealed class PolicyServiceTests : IAsyncLifetime
{
    private const string Support = "acme/support-policies";
    private const string Engineering = "acme/engineering-policies";
    private const string StatusReadOnly = "GitHub's field Status may not be written by flows; IT set it to read only.";

    private GitHubEmulator _emulator = null!;
    private GitHubFlowSetup _setup = null!;
    private HttpClient _github = null!;

    public async Task InitializeAsync()
    {
        _emulator = await GitHubEmulator.StartAsync();
        _emulator.CreateRepository(Support);
        _emulator.CreateRepository(Engineering);
        _setup = new GitHubFlowSetup(_emulator);
        _github = new HttpClient { BaseAddress = _emulator.BaseUrl };
        _github.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GitHubEmulator.DefaultToken);
        _github.DefaultRequestHeaders.UserAgent.ParseAdd("IntegrationPortal-Tests");
    }

    public async Task DisposeAsync()
    {
        _github.Dispose();
        _setup.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Save_pauses_violating_flow_with_audit()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);

        var result = await SaveAsync(host, StatusRule(FieldAccess.ReadOnly));

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var flow = await db.Flows.SingleAsync(f => f.Id == flowId);
        var changed = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.PolicyFieldChanged);
        var paused = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.FlowPaused);
        Assert.Equal(1, result.FlowsPaused);
        Assert.True(result.FieldsChanged);
        Assert.False(result.ScopeChanged);
        Assert.Equal(FlowStatus.Paused, flow.Status);
        Assert.True(flow.PausedByPolicy);
        Assert.Contains(StatusReadOnly, flow.PauseReason, StringComparison.Ordinal);
        Assert.Contains("\"before\"", changed.Details, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ReadOnly", changed.Details, StringComparison.Ordinal);
        Assert.Equal(GitHubFlowSetup.AdminName, changed.ActorName);
        Assert.Contains("field Status may not be written by flows", paused.Details, StringComparison.Ordinal);
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.PolicyScopeChanged));
    }

    [Fact]
    public async Task Save_scope_change_is_audited_separately()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var command = new SaveToolPolicyCommand { ToolKey = ToolKeys.GitHub, AllowedContainers = [Support] };

        var result = await SaveAsync(host, command);
        var again = await SaveAsync(host, command);

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var flow = await db.Flows.SingleAsync(f => f.Id == flowId);
        Assert.True(result.ScopeChanged);
        Assert.False(again.ScopeChanged);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.PolicyScopeChanged));
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.PolicyFieldChanged));
        Assert.Equal(FlowStatus.Paused, flow.Status);
        Assert.Contains($"GitHub repository '{Engineering}' is outside the ones IT allows flows to use", flow.PauseReason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Preview_lists_affected_flows_and_requests(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var statusRequest = await SubmitRequestAsync(host, ToolKeys.GitHub, "Status, title", "Mirror states");
        await SubmitRequestAsync(host, ToolKeys.GitHub, "title", "Titles only");
        await SubmitRequestAsync(host, ToolKeys.Redmine, "status", "Redmine to Redmine");

        PolicyImpactDto impact;
        await using (var admin = host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin))
        {
            impact = await admin.ServiceProvider.GetRequiredService<IPolicyService>().PreviewAsync(StatusRule(FieldAccess.Never), CancellationToken.None);
        }

        var flow = Assert.Single(impact.Flows);
        var request = Assert.Single(impact.Requests);
        Assert.Equal(flowId, flow.Id);
        Assert.Equal(GitHubFlowSetup.OwnerName, flow.OwnerName);
        Assert.Equal(FlowStatus.Active, flow.Status);
        Assert.Contains("GitHub's field Status may not be read or written by flows; IT set it to never sync.", flow.Violations);
        Assert.Equal(statusRequest, request.Id);
        Assert.Equal("Mirror states", request.UseCase);
        Assert.Contains("GitHub's field Status may not be read or written by flows; IT set it to never sync.", request.Violations);

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.ToolPolicies.AnyAsync());
        Assert.Equal(FlowStatus.Active, (await db.Flows.SingleAsync()).Status);
    }

    [Fact]
    public async Task Save_resumes_flow_the_policy_allows_again()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        await SaveAsync(host, StatusRule(FieldAccess.Never));

        var result = await SaveAsync(host, StatusRule(FieldAccess.SyncBothWays));

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var flow = await db.Flows.SingleAsync(f => f.Id == flowId);
        Assert.Equal(1, result.FlowsResumed);
        Assert.Equal(FlowStatus.Active, flow.Status);
        Assert.False(flow.PausedByPolicy);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.FlowResumed));
    }

    [Fact]
    public async Task Preview_marks_policy_paused_flow_allowed_again()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        await SaveAsync(host, StatusRule(FieldAccess.Never));

        await using var admin = host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);
        var impact = await admin.ServiceProvider.GetRequiredService<IPolicyService>()
            .PreviewAsync(StatusRule(FieldAccess.SyncBothWays), CancellationToken.None);

        var flow = Assert.Single(impact.Flows);
        Assert.Equal(flowId, flow.Id);
        Assert.True(flow.AllowedAgain);
        Assert.Empty(flow.Violations);
    }

    [Fact]
    public async Task Preview_and_save_require_it_admin()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using var requester = host.ScopeFor(GitHubFlowSetup.OwnerId, GitHubFlowSetup.OwnerName, Roles.Requester);
        var service = requester.ServiceProvider.GetRequiredService<IPolicyService>();

        await Assert.ThrowsAsync<Application.Common.ForbiddenAccessException>(() => service.PreviewAsync(StatusRule(FieldAccess.Never), CancellationToken.None));
        await Assert.ThrowsAsync<Application.Common.ForbiddenAccessException>(() => service.SaveAsync(StatusRule(FieldAccess.Never), CancellationToken.None));
        await Assert.ThrowsAsync<Application.Common.ForbiddenAccessException>(() => service.GetAsync(ToolKeys.GitHub, CancellationToken.None));
    }

    [Fact]
    public async Task Save_rejects_unknown_field_naming_row()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var command = StatusRule(FieldAccess.Never);
        command.Fields.Add(new FieldRuleInput { Field = "milestone", Access = FieldAccess.Never });

        await using var admin = host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            admin.ServiceProvider.GetRequiredService<IPolicyService>().SaveAsync(command, CancellationToken.None));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Fields[1].Field", failure.PropertyName);
        Assert.Contains("'milestone' is not a field of github", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_rejects_unknown_item_type()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var command = StatusRule(FieldAccess.Never);
        command.Fields[0].ItemType = "Discussion";

        await using var admin = host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            admin.ServiceProvider.GetRequiredService<IPolicyService>().SaveAsync(command, CancellationToken.None));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Fields[0].ItemType", failure.PropertyName);
        Assert.Contains("choose one of: Issue, Pull request", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_lists_fields_from_connection()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using (var admin = host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin))
        {
            var before = await admin.ServiceProvider.GetRequiredService<IPolicyService>().GetAsync(ToolKeys.GitHub, CancellationToken.None);
            Assert.Null(before.FieldsConnection);
            Assert.NotNull(before.FieldsNote);
        }

        await _setup.BuildActiveFlowAsync(host, Support, Engineering);

        await using var again = host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);
        var policy = await again.ServiceProvider.GetRequiredService<IPolicyService>().GetAsync(ToolKeys.GitHub, CancellationToken.None);
        Assert.Equal("Engineering GitHub", policy.FieldsConnection);
        Assert.Null(policy.FieldsNote);
        Assert.Contains(policy.Fields, f => f.Key == "status");
        Assert.Equal(["Issue", "Pull request"], policy.ItemTypes);
    }

    [Fact]
    public async Task Create_flow_rejects_blocked_mapping()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        await SaveAsync(host, StatusRule(FieldAccess.ReadOnly));

        Flow existing;
        await using (var read = host.Services.CreateAsyncScope())
        {
            existing = await read.ServiceProvider.GetRequiredService<PortalDbContext>().Flows.AsNoTracking().SingleAsync(f => f.Id == flowId);
        }

        await using var owner = host.ScopeFor(GitHubFlowSetup.OwnerId, GitHubFlowSetup.OwnerName, Roles.Requester);
        var error = await Assert.ThrowsAsync<ValidationException>(() => owner.ServiceProvider.GetRequiredService<IFlowService>().CreateAsync(
            new SaveFlowCommand
            {
                RequestId = existing.RequestId,
                Name = "Second mirror",
                ConnectionAId = existing.ConnectionAId,
                ContainerA = Support,
                ConnectionBId = existing.ConnectionBId,
                ContainerB = Engineering,
                Mappings =
                [
                    new FieldMappingInput { FieldA = "title", FieldB = "title" },
                    new FieldMappingInput { FieldA = "status", FieldB = "status", Direction = SyncDirection.AToB },
                ],
            },
            CancellationToken.None));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Mappings[1]", failure.PropertyName);
        Assert.Equal(StatusReadOnly, failure.ErrorMessage);
    }

    [Fact]
    public async Task Run_after_block_writes_nothing_to_field()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var original = await _setup.CreateIssueAsync(Support, "Scanner jams");
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        await RunAsync(host, flowId);
        var copy = (int)(await ListIssuesAsync(Engineering)).Single()["number"]!;

        await SaveAsync(host, StatusRule(FieldAccess.Never));
        await PatchIssueAsync(Support, original, new { state = "closed", title = "Scanner jams daily" });
        var skipped = await RunAsync(host, flowId);

        var target = await GetIssueAsync(Engineering, copy);
        Assert.Null(skipped);
        Assert.Equal("open", (string)target["state"]!);
        Assert.Equal("Scanner jams", (string)target["title"]!);
    }

    [Fact]
    public async Task Run_guard_drops_blocked_directions()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var command = StatusRule(FieldAccess.ReadOnly);
        command.Fields.Add(new FieldRuleInput { Field = "title", Access = FieldAccess.Never });
        command.Excluded.Add(new ScopeRuleInput { Field = "labels", Value = "security" });
        await SaveAsync(host, command);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var flow = await db.Flows.AsNoTracking().SingleAsync(f => f.Id == flowId);
        var connector = new NoCallsConnector();
        var request = new FlowSyncRequest(flow.Id, new SyncSide(connector, Support, null), new SyncSide(connector, Engineering, null), flow.Mappings, flow.ConflictRule);

        var guarded = await scope.ServiceProvider.GetRequiredService<PolicyRunGuard>()
            .ApplyAsync(flow, ToolKeys.GitHub, ToolKeys.GitHub, request, CancellationToken.None);

        // Status is read only on both sides, so no direction can write it; title may never sync.
        Assert.Empty(guarded.Mappings);
        Assert.NotSame(connector, guarded.A.Connector);
        Assert.NotSame(connector, guarded.B.Connector);
    }

    [Fact]
    public async Task Run_masks_confidential_field_in_audit()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await _setup.CreateIssueAsync(Support, "Salary review for Dana");
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var command = new SaveToolPolicyCommand { ToolKey = ToolKeys.GitHub };
        command.Fields.Add(new FieldRuleInput { Field = "title", Access = FieldAccess.SyncBothWays, Classification = DataClassification.Confidential });
        await SaveAsync(host, command);

        var run = await RunAsync(host, flowId);

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var synced = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ItemSynced);
        Assert.Equal(1, run!.ItemsCreated);
        Assert.Contains(AuditValueMask.Masked, synced.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Salary review", synced.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_skips_items_excluded_by_scope()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var command = new SaveToolPolicyCommand { ToolKey = ToolKeys.GitHub };
        command.Excluded.Add(new ScopeRuleInput { Field = "labels", Value = "security" });
        var saved = await SaveAsync(host, command);
        await CreateLabelledIssueAsync(Support, "Door code leaked", "Security");
        await CreateLabelledIssueAsync(Support, "Projector flickers", "hardware");

        var run = await RunAsync(host, flowId);

        var copies = await ListIssuesAsync(Engineering);
        Assert.Equal(0, saved.FlowsPaused);
        Assert.Equal(1, run!.ItemsCreated);
        Assert.Equal("Projector flickers", (string)Assert.Single(copies)["title"]!);
    }

    [Fact]
    public async Task Conflict_audit_masks_personal_field()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var original = await _setup.CreateIssueAsync(Support, "Laptop for Dana");
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        await RunAsync(host, flowId);
        var copy = (int)(await ListIssuesAsync(Engineering)).Single()["number"]!;
        var command = new SaveToolPolicyCommand { ToolKey = ToolKeys.GitHub };
        command.Fields.Add(new FieldRuleInput { Field = "title", Classification = DataClassification.PersonalData });
        await SaveAsync(host, command);

        await PatchIssueAsync(Support, original, new { title = "Laptop for Dana Smith" });
        await PatchIssueAsync(Engineering, copy, new { title = "Laptop for Dana Jones" });
        var run = await RunAsync(host, flowId);

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var detected = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ConflictDetected);
        var queued = await db.SyncConflicts.SingleAsync();
        Assert.Equal(1, run!.Conflicts);
        Assert.Contains(AuditValueMask.Masked, detected.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Dana Smith", detected.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Dana Jones", detected.Details, StringComparison.Ordinal);
        Assert.Equal("Laptop for Dana Smith", queued.ValueA);
    }

    private static SaveToolPolicyCommand StatusRule(FieldAccess access) => new()
    {
        ToolKey = ToolKeys.GitHub,
        Fields = [new FieldRuleInput { Field = "status", Access = access, Classification = DataClassification.Internal }],
    };

    private static async Task<PolicySaveResult> SaveAsync(PortalTestHost host, SaveToolPolicyCommand command)
    {
        await using var admin = host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);
        return await admin.ServiceProvider.GetRequiredService<IPolicyService>().SaveAsync(command, CancellationToken.None);
    }

    private static async Task<Guid> SubmitRequestAsync(PortalTestHost host, string tool, string fields, string useCase)
    {
        await using var requester = host.ScopeFor(GitHubFlowSetup.OwnerId, GitHubFlowSetup.OwnerName, Roles.Requester);
        return await requester.ServiceProvider.GetRequiredService<IRequestService>().SubmitAsync(
            new SubmitRequestCommand { ToolA = tool, ToolB = tool, UseCase = useCase, Fields = fields, Justification = "Teams share the work." },
            CancellationToken.None);
    }

    private static async Task<SyncRun?> RunAsync(PortalTestHost host, Guid flowId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await scope.ServiceProvider.GetRequiredService<FlowRunner>().RunAsync(flowId, "manual", CancellationToken.None);
    }

    private async Task<List<JsonObject>> ListIssuesAsync(string repository)
    {
        var issues = await _github.GetFromJsonAsync<JsonArray>(new Uri($"repos/{repository}/issues?state=all&per_page=100", UriKind.Relative));
        return [.. issues!.Select(i => i!.AsObject())];
    }

    private async Task CreateLabelledIssueAsync(string repository, string title, string label)
    {
        using var response = await _github.PostAsJsonAsync(new Uri($"repos/{repository}/issues", UriKind.Relative), new { title, labels = new[] { label } });
        response.EnsureSuccessStatusCode();
    }

    private async Task<JsonObject> GetIssueAsync(string repository, int number) =>
        (await _github.GetFromJsonAsync<JsonObject>(new Uri($"repos/{repository}/issues/{number}", UriKind.Relative)))!;

    private async Task PatchIssueAsync(string repository, int number, object body)
    {
        using var response = await _github.PatchAsJsonAsync(new Uri($"repos/{repository}/issues/{number}", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A connector the guard only wraps; any call would mean the guard ran the sync itself.</summary>
    private sealed class NoCallsConnector : Sync.Connectors.IConnector
    {
        public IReadOnlyList<Sync.Connectors.FieldDescriptor> Fields => Connectors.GitHub.GitHubConnector.StaticFields;

        public Task<Sync.Connectors.ConnectionTestResult> TestAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Sync.Connectors.ContainerInfo>> ListContainersAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Sync.Connectors.SyncItem>> ReadChangedAsync(string container, DateTimeOffset? since, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<Sync.Connectors.SyncItem?> GetAsync(string container, string itemId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Sync.Connectors.SyncItem> CreateAsync(
            string container, IReadOnlyDictionary<string, string?> fields, string? createToken, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<Sync.Connectors.SyncItem?> FindByCreateTokenAsync(
            string container, string createToken, DateTimeOffset createdAfter, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task UpdateAsync(
            string container, string itemId, IReadOnlyDictionary<string, string?> fields, string? expectedVersion, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task CloseAsync(string container, string itemId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
