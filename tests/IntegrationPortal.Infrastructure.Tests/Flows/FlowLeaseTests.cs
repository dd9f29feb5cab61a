using IntegrationPortal.Application.Flows;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Flows;

/// <summary>The lease row's conditional updates on each database provider.</summary>
public sealed class FlowLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);
    private GitHubEmulator _emulator = null!;
    private GitHubFlowSetup _setup = null!;

    public async Task InitializeAsync()
    {
        _emulator = await GitHubEmulator.StartAsync();
        _emulator.CreateRepository("acme/lease-a");
        _emulator.CreateRepository("acme/lease-b");
        _setup = new GitHubFlowSetup(_emulator);
    }

    public async Task DisposeAsync()
    {
        _setup.Dispose();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Renew_works_only_for_holder(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await _setup.BuildActiveFlowAsync(host, "acme/lease-a", "acme/lease-b");
        await using var scope = host.Services.CreateAsyncScope();
        var lease = scope.ServiceProvider.GetRequiredService<IFlowLease>();
        await lease.TryAcquireAsync(flowId, "worker-1", Duration, CancellationToken.None);

        var renewedByHolder = await lease.RenewAsync(flowId, "worker-1", TimeSpan.FromHours(1), CancellationToken.None);
        var renewedByOther = await lease.RenewAsync(flowId, "worker-2", TimeSpan.FromHours(1), CancellationToken.None);
        var expiresAt = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Flows
            .Where(f => f.Id == flowId).Select(f => f.LeaseExpiresAt).SingleAsync();

        Assert.True(renewedByHolder);
        Assert.False(renewedByOther);
        Assert.True(expiresAt > DateTimeOffset.UtcNow.AddMinutes(50), $"The lease expires at {expiresAt:O}, not an hour from now.");
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Many_follow_up_requests_release_once(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await _setup.BuildActiveFlowAsync(host, "acme/lease-a", "acme/lease-b");
        await using var scope = host.Services.CreateAsyncScope();
        var lease = scope.ServiceProvider.GetRequiredService<IFlowLease>();
        await lease.TryAcquireAsync(flowId, "worker-1", Duration, CancellationToken.None);

        var requests = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            requests.Add(await lease.RequestFollowUpAsync(flowId, CancellationToken.None));
        }

        var releasedByOther = await lease.ReleaseAsync(flowId, "worker-2", CancellationToken.None);
        var released = await lease.ReleaseAsync(flowId, "worker-1", CancellationToken.None);
        var releasedAgain = await lease.ReleaseAsync(flowId, "worker-1", CancellationToken.None);
        var requestWhenFree = await lease.RequestFollowUpAsync(flowId, CancellationToken.None);
        var flow = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Flows.AsNoTracking().SingleAsync(f => f.Id == flowId);

        Assert.All(requests, Assert.True);
        Assert.False(releasedByOther);
        Assert.True(released);
        Assert.False(releasedAgain);
        Assert.False(requestWhenFree);
        Assert.Null(flow.LeaseHolder);
        Assert.Null(flow.FollowUpRequestedAt);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Release_without_request_reports_none(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var flowId = await _setup.BuildActiveFlowAsync(host, "acme/lease-a", "acme/lease-b");
        await using var scope = host.Services.CreateAsyncScope();
        var lease = scope.ServiceProvider.GetRequiredService<IFlowLease>();
        await lease.TryAcquireAsync(flowId, "worker-1", Duration, CancellationToken.None);

        var released = await lease.ReleaseAsync(flowId, "worker-1", CancellationToken.None);
        var acquiredAfter = await lease.TryAcquireAsync(flowId, "worker-2", Duration, CancellationToken.None);

        Assert.False(released);
        Assert.True(acquiredAfter);
    }
}
