using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Flows;

/// <summary>"Run now" on a flow that cannot run names the button the user should press.</summary>
public sealed class RunNowTests : IAsyncLifetime
{
    private const string Support = "acme/support";
    private const string Engineering = "acme/engineering-run-now";

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
    public async Task Paused_flow_asks_to_resume()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        await using var owner = host.ScopeFor(GitHubFlowSetup.OwnerId, GitHubFlowSetup.OwnerName, Roles.Requester);
        var flows = owner.ServiceProvider.GetRequiredService<IFlowService>();
        await flows.PauseAsync(flowId, "Holiday freeze.", CancellationToken.None);

        var rejected = await Assert.ThrowsAsync<DomainException>(() => flows.RunNowAsync(flowId, CancellationToken.None));

        Assert.Contains("paused", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("Resume", rejected.Message, StringComparison.Ordinal);
    }
}
