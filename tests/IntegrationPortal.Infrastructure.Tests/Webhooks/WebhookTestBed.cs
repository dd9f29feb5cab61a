using Hangfire;
using IntegrationPortal.Application.Webhooks;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Jobs;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Webhooks;

/// <summary>
/// A portal with one active flow between two repositories of a GitHub emulator, webhooks enabled on
/// both connections, and helpers that deliver signed payloads the way GitHub does.
/// </summary>
internal sealed class WebhookTestBed : IAsyncDisposable
{
    private WebhookTestBed(GitHubEmulator emulator, GitHubFlowSetup setup, PortalTestHost host)
    {
        Emulator = emulator;
        Setup = setup;
        Host = host;
    }

    public GitHubEmulator Emulator { get; }

    public GitHubFlowSetup Setup { get; }

    public PortalTestHost Host { get; }

    public Guid FlowId { get; private set; }

    public Guid ConnectionA { get; private set; }

    public Guid ConnectionB { get; private set; }

    /// <summary>The webhook secret of each connection, by connection id.</summary>
    public Dictionary<Guid, string> Secrets { get; } = [];

    /// <summary>
    /// Starts the emulator with both repositories, the portal on <paramref name="provider"/>, and
    /// the flow. <paramref name="beforeFlow"/> runs once the repositories exist.
    /// </summary>
    public static async Task<WebhookTestBed> StartAsync(
        string provider,
        string containerA,
        string containerB,
        Func<GitHubFlowSetup, Task>? beforeFlow = null,
        Action<IServiceCollection>? configure = null)
    {
        var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions());
        emulator.CreateRepository(containerA);
        emulator.CreateRepository(containerB);
        var setup = new GitHubFlowSetup(emulator);
        var host = await PortalTestHost.StartAsync(provider, configure: configure);
        var bed = new WebhookTestBed(emulator, setup, host);
        if (beforeFlow is not null)
        {
            await beforeFlow(setup);
        }

        bed.FlowId = await setup.BuildActiveFlowAsync(host, containerA, containerB);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var flow = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Flows.AsNoTracking().SingleAsync(f => f.Id == bed.FlowId);
            bed.ConnectionA = flow.ConnectionAId;
            bed.ConnectionB = flow.ConnectionBId;
        }

        await bed.GenerateSecretAsync(bed.ConnectionA);
        await bed.GenerateSecretAsync(bed.ConnectionB);
        return bed;
    }

    public async Task<WebhookSecretDto> GenerateSecretAsync(Guid connectionId)
    {
        await using var admin = Host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);
        var generated = await admin.ServiceProvider.GetRequiredService<IWebhookSettingsService>().GenerateSecretAsync(connectionId, CancellationToken.None);
        Secrets[connectionId] = generated.Secret;
        return generated;
    }

    /// <summary>Delivers a body signed with the connection's current secret, in a scope of its own, as one HTTP request would.</summary>
    public Task<WebhookReceipt> DeliverAsync(Guid connectionId, string eventName, byte[] body, string? deliveryId = null) =>
        DeliverSignedAsync(connectionId, eventName, body, GitHubWebhookSignature.Compute(Secrets[connectionId], body), deliveryId);

    public async Task<WebhookReceipt> DeliverSignedAsync(
        Guid connectionId, string? eventName, byte[] body, string? signature, string? deliveryId = null, bool isFormEncoded = false)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var delivery = new GitHubWebhookDelivery(connectionId, eventName, deliveryId ?? Guid.NewGuid().ToString(), signature, isFormEncoded, body);
        return await scope.ServiceProvider.GetRequiredService<GitHubWebhookReceiver>().ReceiveAsync(delivery, CancellationToken.None);
    }

    /// <summary>The flow ids of the webhook runs waiting in Hangfire's queue, one entry per job.</summary>
    public List<Guid> QueuedWebhookRuns()
    {
        var monitor = Host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return [.. monitor.EnqueuedJobs("default", 0, 100)
            .Where(job => job.Value.Job.Args[1] as string == HangfireSyncScheduler.WebhookTrigger)
            .Select(job => (Guid)job.Value.Job.Args[0])];
    }

    /// <summary>Runs the flow as a Hangfire worker would, in a scope of its own.</summary>
    public async Task<Domain.Flows.SyncRun?> RunAsync(string trigger)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await scope.ServiceProvider.GetRequiredService<Application.Flows.FlowRunner>().RunAsync(FlowId, trigger, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Setup.Dispose();
        await Emulator.DisposeAsync();
    }
}
