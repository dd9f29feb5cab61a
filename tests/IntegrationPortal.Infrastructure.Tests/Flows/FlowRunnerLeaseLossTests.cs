using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationPortal.Infrastructure.Tests.Flows;

/// <summary>
/// A run whose lease passes to another worker mid-run, with the runner on a fake clock: the test
/// takes the lease away during the first create, moves the clock to the next renewal and waits for it.
/// </summary>
public sealed class FlowRunnerLeaseLossTests : IAsyncLifetime
{
    private const string Support = "acme/support";
    private const string Engineering = "acme/engineering-lease";

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
    public async Task Run_that_loses_lease_keeps_cursors(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var firstRenewal = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Only the runner (and so its lease keeper) runs on the fake clock. On the portal-wide clock,
        // moving time would also fire the HTTP attempt timeout of the request in flight.
        await using var host = await PortalTestHost.StartAsync(provider, configure: services =>
        {
            services.AddScoped(sp => ActivatorUtilities.CreateInstance<FlowRunner>(sp, clock));
            services.AddScoped<IFlowLease>(sp => new ObservedFlowLease(
                ActivatorUtilities.CreateInstance<FlowLease>(sp), firstRenewal));
        });
        await _setup.CreateIssueAsync(Support, "First issue");
        await _setup.CreateIssueAsync(Support, "Second issue");
        await _setup.CreateIssueAsync(Support, "Third issue");
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var stolen = false;
        _options.BeforeRequest = async (method, path) =>
        {
            if (method == "POST" && !stolen)
            {
                stolen = true;
                await StealLeaseAsync(host, flowId);
                clock.Advance(FlowRunner.LeaseDuration / 3);
                await firstRenewal.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        };

        SyncRun? run;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
            run = await scope.ServiceProvider.GetRequiredService<FlowRunner>().RunAsync(flowId, "schedule", CancellationToken.None);
        }

        _options.BeforeRequest = null;
        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var flow = await db.Flows.AsNoTracking().SingleAsync(f => f.Id == flowId);
        Assert.False(await firstRenewal.Task);
        Assert.NotNull(run);
        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Contains("lost its lease", run.Error, StringComparison.Ordinal);
        Assert.Null(flow.CursorA);
        Assert.Null(flow.CursorB);
        Assert.Equal("other-worker", flow.LeaseHolder);
        // The keeper marks the lease lost on a thread-pool continuation that races the first item's
        // last steps, so the run may finish a second item before it stops.
        var copies = await _setup.ListTitlesAsync(Engineering);
        Assert.InRange(copies.Count, 1, 2);
        Assert.Equal(copies.Count, copies.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(copies.Count, await db.ItemLinks.CountAsync(l => l.FlowId == flowId && l.ItemIdB != null));
    }

    private static async Task StealLeaseAsync(PortalTestHost host, Guid flowId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Flows
            .Where(f => f.Id == flowId)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LeaseHolder, "other-worker"));
    }

    /// <summary>The portal's lease, reporting the result of the first renewal to the test.</summary>
    private sealed class ObservedFlowLease(FlowLease inner, TaskCompletionSource<bool> firstRenewal) : IFlowLease
    {
        public Task<bool> TryAcquireAsync(Guid flowId, string holder, TimeSpan duration, CancellationToken cancellationToken) =>
            inner.TryAcquireAsync(flowId, holder, duration, cancellationToken);

        public async Task<bool> RenewAsync(Guid flowId, string holder, TimeSpan duration, CancellationToken cancellationToken)
        {
            var renewed = await inner.RenewAsync(flowId, holder, duration, cancellationToken);
            firstRenewal.TrySetResult(renewed);
            return renewed;
        }

        public Task<bool> RequestFollowUpAsync(Guid flowId, CancellationToken cancellationToken) =>
            inner.RequestFollowUpAsync(flowId, cancellationToken);

        public Task<bool> ReleaseAsync(Guid flowId, string holder, CancellationToken cancellationToken) =>
            inner.ReleaseAsync(flowId, holder, cancellationToken);
    }
}
