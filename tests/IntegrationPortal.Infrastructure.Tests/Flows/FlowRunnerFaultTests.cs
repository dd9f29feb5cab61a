using Hangfire;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Jobs;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Flows;

/// <summary>
/// The runner under concurrent triggers, rate limits and policy changes, with the real engine,
/// connectors, database and Hangfire storage against the GitHub emulator. Jobs are only stored,
/// never run, so the tests read the follow-up runs the runner queued.
/// </summary>
public sealed class FlowRunnerFaultTests : IAsyncLifetime
{
    private const string Support = "acme/support";
    private const string Engineering = "acme/engineering-faults";

    private readonly GitHubEmulatorOptions _options = new();
    private GitHubEmulator _emulator = null!;
    private GitHubFlowSetup _setup = null!;

    public async Task InitializeAsync()
    {
        _emulator = await GitHubEmulator.StartAsync(_options);
        _emulator.CreateRepository(Support);
        _emulator.CreateRepository(Engineering);
        _setup = new GitHubFlowSetup(_emulator);
    }

    public async Task DisposeAsync()
    {
        _setup.Dispose();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Simultaneous_triggers_create_one_counterpart(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await _setup.CreateIssueAsync(Support, "Printer queue stalls");
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);

        var runs = await Task.WhenAll(RunAsync(host, flowId, "webhook"), RunAsync(host, flowId, "webhook"));
        var followUps = FollowUpsQueued(host);
        for (var i = 0; i < followUps; i++)
        {
            await RunAsync(host, flowId, HangfireSyncScheduler.FollowUpTrigger);
        }

        var titles = await _setup.ListTitlesAsync(Engineering);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(["Printer queue stalls"], titles);
        Assert.Equal(1, await db.ItemLinks.CountAsync());
        Assert.Equal(1, runs.Where(run => run is not null).Sum(run => run!.ItemsCreated));
        Assert.InRange(followUps, 0, 1);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Triggers_during_run_queue_one_follow_up(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await _setup.CreateIssueAsync(Support, "Login page slow");
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var triggerRuns = new List<SyncRun?>();
        _options.BeforeRequest = async (method, path) =>
        {
            if (triggerRuns.Count == 0 && method == "POST")
            {
                for (var i = 0; i < 5; i++)
                {
                    triggerRuns.Add(await RunAsync(host, flowId, "manual"));
                }
            }
        };

        var run = await RunAsync(host, flowId, "schedule");
        _options.BeforeRequest = null;

        await using var scope = host.Services.CreateAsyncScope();
        var flow = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Flows.AsNoTracking().SingleAsync(f => f.Id == flowId);
        Assert.NotNull(run);
        Assert.Equal(1, run.ItemsCreated);
        Assert.Equal(5, triggerRuns.Count);
        Assert.All(triggerRuns, Assert.Null);
        Assert.Equal(1, FollowUpsQueued(host));
        Assert.Null(flow.FollowUpRequestedAt);
        Assert.Null(flow.LeaseHolder);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Run_without_triggers_queues_no_follow_up(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await _setup.CreateIssueAsync(Support, "Login page slow");
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);

        var run = await RunAsync(host, flowId, "schedule");

        Assert.Equal(SyncRunStatus.Succeeded, run?.Status);
        Assert.Equal(0, FollowUpsQueued(host));
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Persistent_rate_limit_ends_run_throttled(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await _setup.CreateIssueAsync(Support, "First issue");
        await _setup.CreateIssueAsync(Support, "Second issue");
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var creates = 0;
        _options.BeforeRequest = (method, path) =>
        {
            if (method == "POST" && Interlocked.Increment(ref creates) == 2)
            {
                _emulator.InjectFaults(1, 403, TimeSpan.FromHours(1), rateLimitExhausted: true);
            }

            return Task.CompletedTask;
        };

        var throttled = await RunAsync(host, flowId, "schedule");
        _options.BeforeRequest = null;
        var copiesAfterLimit = await _setup.ListTitlesAsync(Engineering);
        var scheduled = ScheduledFollowUps(host);
        var next = await RunAsync(host, flowId, HangfireSyncScheduler.FollowUpTrigger);
        var copies = await _setup.ListTitlesAsync(Engineering);

        Assert.NotNull(throttled);
        Assert.Equal(SyncRunStatus.Throttled, throttled.Status);
        Assert.NotNull(throttled.RetryAt);
        Assert.InRange(throttled.RetryAt.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        Assert.Equal(2, throttled.ItemsRead);
        Assert.Contains("1 of 2 items were processed", throttled.Error, StringComparison.Ordinal);
        Assert.Single(copiesAfterLimit);
        var followUpAt = Assert.Single(scheduled);
        Assert.InRange(followUpAt - throttled.RetryAt.Value.UtcDateTime, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));
        Assert.Equal(SyncRunStatus.Succeeded, next?.Status);
        Assert.Equal(["First issue", "Second issue"], copies.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Blocked_tool_pauses_flow_before_reading(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        await _setup.CreateIssueAsync(Support, "Printer queue stalls");
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        await SetGitHubStatusAsync(host, ToolStatus.Blocked, "Token scope under review.");
        var requestsBefore = _emulator.RequestCount;

        var run = await RunAsync(host, flowId, "schedule");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var flow = await db.Flows.AsNoTracking().SingleAsync(f => f.Id == flowId);
            var paused = await db.AuditEvents.Where(e => e.Action == AuditActions.FlowPaused).ToListAsync();
            Assert.Null(run);
            Assert.Equal(requestsBefore, _emulator.RequestCount);
            Assert.Equal(0, await db.SyncRuns.CountAsync());
            Assert.Equal(FlowStatus.Paused, flow.Status);
            Assert.Contains("blocked", flow.PauseReason, StringComparison.Ordinal);
            Assert.NotNull(flow.PausedAt);
            var pausedEvent = Assert.Single(paused);
            Assert.Contains("policy", pausedEvent.Details, StringComparison.Ordinal);
        }

        await using (var owner = host.ScopeFor(GitHubFlowSetup.OwnerId, GitHubFlowSetup.OwnerName, Roles.Requester))
        {
            var rejected = await Assert.ThrowsAsync<DomainException>(() =>
                owner.ServiceProvider.GetRequiredService<IFlowService>().ActivateAsync(flowId, CancellationToken.None));
            Assert.Contains("blocked", rejected.Message, StringComparison.Ordinal);
        }

        // Approving the tool again resumes the flow that the policy paused, without its owner.
        await SetGitHubStatusAsync(host, ToolStatus.Approved, null);

        var resumedRun = await RunAsync(host, flowId, "schedule");
        await using var check = host.Services.CreateAsyncScope();
        var checkDb = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(1, await checkDb.AuditEvents.CountAsync(e => e.Action == AuditActions.FlowResumed));
        Assert.Equal(1, resumedRun?.ItemsCreated);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Blocking_tool_pauses_flow_at_once(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);

        await SetGitHubStatusAsync(host, ToolStatus.Blocked, "Token scope under review.");

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var flow = await db.Flows.AsNoTracking().SingleAsync(f => f.Id == flowId);
        var paused = await db.AuditEvents.Where(e => e.Action == AuditActions.FlowPaused).ToListAsync();
        Assert.Equal(FlowStatus.Paused, flow.Status);
        Assert.Contains("blocked", flow.PauseReason, StringComparison.Ordinal);
        Assert.Equal(0, await db.SyncRuns.CountAsync());
        var pausedEvent = Assert.Single(paused);
        Assert.Contains(flowId.ToString(), pausedEvent.TargetId, StringComparison.Ordinal);
    }

    private static async Task<SyncRun?> RunAsync(PortalTestHost host, Guid flowId, string trigger)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await scope.ServiceProvider.GetRequiredService<FlowRunner>().RunAsync(flowId, trigger, CancellationToken.None);
    }

    private static async Task SetGitHubStatusAsync(PortalTestHost host, ToolStatus status, string? reason)
    {
        await using var admin = host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);
        await admin.ServiceProvider.GetRequiredService<ICatalogService>()
            .SetToolStatusAsync(new(ToolKeys.GitHub, status, reason), CancellationToken.None);
    }

    private static int FollowUpsQueued(PortalTestHost host)
    {
        var monitor = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return monitor.EnqueuedJobs("default", 0, 100)
            .Count(job => job.Value.Job.Args[1] as string == HangfireSyncScheduler.FollowUpTrigger);
    }

    private static List<DateTime> ScheduledFollowUps(PortalTestHost host)
    {
        var monitor = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return [.. monitor.ScheduledJobs(0, 100)
            .Where(job => job.Value.Job.Args[1] as string == HangfireSyncScheduler.FollowUpTrigger)
            .Select(job => job.Value.EnqueueAt)];
    }
}
