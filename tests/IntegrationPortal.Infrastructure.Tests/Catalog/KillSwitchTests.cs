using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Catalog;

/// <summary>
/// Blocking a tool pauses its flows and stops its connections; approving it again resumes the flows
/// the policy paused. Runs through the real services, a SQLite database and the GitHub emulator.
/// </summary>
public sealed class KillSwitchTests : IAsyncLifetime
{
    private const string Support = "acme/support";
    private const string Engineering = "acme/engineering-kill-switch";

    private readonly RecordingScheduler _scheduler = new();
    private GitHubEmulator _emulator = null!;
    private GitHubFlowSetup _setup = null!;

    public async Task InitializeAsync()
    {
        _emulator = await GitHubEmulator.StartAsync();
        _emulator.CreateRepository(Support);
        _emulator.CreateRepository(Engineering);
        _setup = new GitHubFlowSetup(_emulator);
    }

    public async Task DisposeAsync()
    {
        _setup.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Preview_lists_flows_and_owners()
    {
        await using var host = await StartAsync();
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);

        await using var admin = AdminScope(host);
        var preview = await admin.ServiceProvider.GetRequiredService<ICatalogService>()
            .PreviewStatusChangeAsync(ToolKeys.GitHub, ToolStatus.Blocked, CancellationToken.None);

        var affected = Assert.Single(preview.FlowsToPause);
        Assert.Equal(flowId, affected.Id);
        Assert.Equal(GitHubFlowSetup.OwnerName, affected.OwnerName);
        Assert.Empty(preview.FlowsToResume);
        Assert.Equal(2, preview.Connections);
        Assert.Equal(FlowStatus.Active, (await ReadFlowAsync(host, flowId)).Status);
    }

    [Fact]
    public async Task Block_pauses_flows_and_stops_connections()
    {
        await using var host = await StartAsync();
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var connectionId = (await ReadFlowAsync(host, flowId)).ConnectionAId;

        await SetStatusAsync(host, ToolStatus.Blocked, "Token leak under investigation.");

        var flow = await ReadFlowAsync(host, flowId);
        Assert.Equal(FlowStatus.Paused, flow.Status);
        Assert.True(flow.PausedByPolicy);
        Assert.Contains("blocked", flow.PauseReason, StringComparison.Ordinal);
        Assert.Contains($"unschedule {flowId}", _scheduler.Calls);

        await using var admin = AdminScope(host);
        var connections = admin.ServiceProvider.GetRequiredService<IConnectionService>();
        var test = await Assert.ThrowsAsync<DomainException>(() => connections.TestAsync(connectionId, CancellationToken.None));
        Assert.Contains("GitHub is blocked in the tool catalog", test.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainException>(() => connections.ListContainersAsync(connectionId, CancellationToken.None));
        await Assert.ThrowsAsync<DomainException>(() => connections.ListFieldsAsync(connectionId, CancellationToken.None));
        Assert.Null(await RunAsync(host, flowId));
    }

    [Fact]
    public async Task Approve_resumes_and_catches_up()
    {
        await using var host = await StartAsync();
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        await _setup.CreateIssueAsync(Support, "Filed before the block");
        Assert.Equal(1, (await RunAsync(host, flowId))?.ItemsCreated);
        await SetStatusAsync(host, ToolStatus.Blocked, "Token leak under investigation.");
        await _setup.CreateIssueAsync(Support, "Filed while GitHub was blocked");

        await using (var admin = AdminScope(host))
        {
            var preview = await admin.ServiceProvider.GetRequiredService<ICatalogService>()
                .PreviewStatusChangeAsync(ToolKeys.GitHub, ToolStatus.Approved, CancellationToken.None);
            Assert.Equal(flowId, Assert.Single(preview.FlowsToResume).Id);
        }

        await SetStatusAsync(host, ToolStatus.Approved, null);
        var run = await RunAsync(host, flowId);

        var flow = await ReadFlowAsync(host, flowId);
        Assert.Equal(FlowStatus.Active, flow.Status);
        Assert.False(flow.PausedByPolicy);
        var calls = _scheduler.Calls.ToList();
        var scheduled = calls.LastIndexOf($"schedule {flowId} every 5");
        var enqueued = calls.LastIndexOf($"enqueue {flowId}");
        Assert.True(scheduled > calls.LastIndexOf($"unschedule {flowId}"), string.Join(", ", calls));
        Assert.True(enqueued > scheduled, string.Join(", ", calls));
        Assert.Equal(1, run?.ItemsCreated);
        Assert.Contains("Filed while GitHub was blocked", await _setup.ListTitlesAsync(Engineering));
        await using var check = host.Services.CreateAsyncScope();
        var resumed = await check.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents
            .SingleAsync(e => e.Action == AuditActions.FlowResumed);
        Assert.Contains("\"resumedBy\":\"policy\"", resumed.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_keeps_flow_paused_by_person()
    {
        await using var host = await StartAsync();
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        await using (var owner = host.ScopeFor(GitHubFlowSetup.OwnerId, GitHubFlowSetup.OwnerName, Roles.Requester))
        {
            await owner.ServiceProvider.GetRequiredService<IFlowService>().PauseAsync(flowId, "Holiday freeze.", CancellationToken.None);
        }

        await SetStatusAsync(host, ToolStatus.Blocked, "Token leak under investigation.");
        await SetStatusAsync(host, ToolStatus.Approved, null);

        var flow = await ReadFlowAsync(host, flowId);
        Assert.Equal(FlowStatus.Paused, flow.Status);
        Assert.Equal("Holiday freeze.", flow.PauseReason);
        Assert.Equal($"unschedule {flowId}", _scheduler.Calls[^1]);
    }

    private static AsyncServiceScope AdminScope(PortalTestHost host) =>
        host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);

    private static async Task SetStatusAsync(PortalTestHost host, ToolStatus status, string? reason)
    {
        await using var admin = AdminScope(host);
        await admin.ServiceProvider.GetRequiredService<ICatalogService>()
            .SetToolStatusAsync(new SetToolStatusCommand(ToolKeys.GitHub, status, reason), CancellationToken.None);
    }

    private static async Task<Flow> ReadFlowAsync(PortalTestHost host, Guid flowId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Flows.AsNoTracking().SingleAsync(f => f.Id == flowId);
    }

    private static async Task<SyncRun?> RunAsync(PortalTestHost host, Guid flowId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await scope.ServiceProvider.GetRequiredService<FlowRunner>().RunAsync(flowId, "manual", CancellationToken.None);
    }

    private Task<PortalTestHost> StartAsync() =>
        PortalTestHost.StartAsync(DatabaseProviders.Sqlite, configure: services => services.AddSingleton<ISyncScheduler>(_scheduler));
}
