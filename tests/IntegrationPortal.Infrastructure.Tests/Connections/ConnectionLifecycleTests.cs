using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Connections;

/// <summary>Test, rotate, revoke and health of a connection, against the GitHub emulator and SQLite.</summary>
public sealed class ConnectionLifecycleTests : IAsyncLifetime
{
    private const string Support = "acme/support";
    private const string Engineering = "acme/engineering-lifecycle";
    private const string RotatedToken = "rotated-token-7f3a9c";
    private static readonly DateTimeOffset Expiry = new(2027, 3, 1, 12, 30, 0, TimeSpan.Zero);

    private GitHubEmulator _emulator = null!;
    private GitHubFlowSetup _setup = null!;

    public async Task InitializeAsync()
    {
        var options = new GitHubEmulatorOptions { Tokens = [GitHubEmulator.DefaultToken, RotatedToken] };
        options.TokenExpirations[RotatedToken] = Expiry;
        _emulator = await GitHubEmulator.StartAsync(options);
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
    public async Task Rotate_keeps_secret_out_of_audit()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var connectionId = await ConnectionAAsync(host, flowId);

        await using (var admin = AdminScope(host))
        {
            var connections = admin.ServiceProvider.GetRequiredService<IConnectionService>();
            await connections.RotateSecretAsync(new RotateSecretCommand { ConnectionId = connectionId, Secret = $" {RotatedToken} " }, CancellationToken.None);
            await connections.TestAsync(connectionId, CancellationToken.None);
        }

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var connection = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId);
        var details = await db.AuditEvents.AsNoTracking().Select(e => e.Details).ToListAsync();
        Assert.Equal(RotatedToken, check.ServiceProvider.GetRequiredService<ISecretProtector>().Unprotect(connection.ProtectedSecret));
        Assert.DoesNotContain(RotatedToken, connection.ProtectedSecret, StringComparison.Ordinal);
        Assert.Contains(details, d => d.Contains("Support GitHub", StringComparison.Ordinal));
        Assert.Single(await db.AuditEvents.Where(e => e.Action == AuditActions.ConnectionSecretRotated).ToListAsync());
        Assert.All(details, d => Assert.DoesNotContain(RotatedToken, d, StringComparison.Ordinal));
        Assert.All(details, d => Assert.DoesNotContain(GitHubEmulator.DefaultToken, d, StringComparison.Ordinal));
        Assert.NotNull(connection.SecretRotatedAt);
    }

    [Fact]
    public async Task Test_records_token_expiry()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var connectionId = await ConnectionAAsync(host, flowId);

        await using var admin = AdminScope(host);
        var connections = admin.ServiceProvider.GetRequiredService<IConnectionService>();
        var before = await connections.TestAsync(connectionId, CancellationToken.None);
        await connections.RotateSecretAsync(new RotateSecretCommand { ConnectionId = connectionId, Secret = RotatedToken }, CancellationToken.None);
        var after = await connections.TestAsync(connectionId, CancellationToken.None);
        var listed = (await connections.ListAsync(CancellationToken.None)).Single(c => c.Id == connectionId);

        Assert.Null(before.TokenExpiresAt);
        Assert.Equal(Expiry, after.TokenExpiresAt);
        Assert.Equal(Expiry, listed.TokenExpiresAt);
        Assert.NotNull(listed.LastSuccessAt);
        Assert.Contains("expires 2027-03-01 12:30 UTC", after.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_rejects_empty_secret()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var connectionId = await ConnectionAAsync(host, flowId);
        await using var admin = AdminScope(host);

        var error = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => admin.ServiceProvider.GetRequiredService<IConnectionService>()
            .RotateSecretAsync(new RotateSecretCommand { ConnectionId = connectionId, Secret = "  " }, CancellationToken.None));

        Assert.Equal(nameof(RotateSecretCommand.Secret), Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public async Task Revoke_pauses_flows_and_stops_use()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var connectionId = await ConnectionAAsync(host, flowId);

        await using (var admin = AdminScope(host))
        {
            await admin.ServiceProvider.GetRequiredService<IConnectionService>()
                .RevokeAsync(new RevokeConnectionCommand { ConnectionId = connectionId, Reason = "The bot account was removed." }, CancellationToken.None);
        }

        var flow = await ReadFlowAsync(host, flowId);
        Assert.Equal(FlowStatus.Paused, flow.Status);
        Assert.True(flow.PausedByPolicy);
        Assert.Contains("was revoked: The bot account was removed.", flow.PauseReason, StringComparison.Ordinal);

        await using var owner = host.ScopeFor(GitHubFlowSetup.OwnerId, GitHubFlowSetup.OwnerName, Roles.Requester);
        var ownerConnections = owner.ServiceProvider.GetRequiredService<IConnectionService>();
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            owner.ServiceProvider.GetRequiredService<IFlowService>().ActivateAsync(flowId, CancellationToken.None));
        Assert.Contains("revoked", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await ownerConnections.ListAsync(CancellationToken.None), c => c.Id == connectionId);

        await using var admin2 = AdminScope(host);
        var adminConnections = admin2.ServiceProvider.GetRequiredService<IConnectionService>();
        await Assert.ThrowsAsync<DomainException>(() => adminConnections.TestAsync(connectionId, CancellationToken.None));
        await Assert.ThrowsAsync<DomainException>(() => adminConnections.ListContainersAsync(connectionId, CancellationToken.None));
        await Assert.ThrowsAsync<DomainException>(() =>
            adminConnections.RotateSecretAsync(new RotateSecretCommand { ConnectionId = connectionId, Secret = RotatedToken }, CancellationToken.None));
        var listed = (await adminConnections.ListAsync(CancellationToken.None)).Single(c => c.Id == connectionId);
        Assert.True(listed.IsRevoked);
    }

    [Fact]
    public async Task Runs_record_health()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var flowId = await _setup.BuildActiveFlowAsync(host, Support, Engineering);
        var flow = await ReadFlowAsync(host, flowId);
        await _setup.CreateIssueAsync(Support, "Printer queue stalls");

        var succeeded = await RunAsync(host, flowId);
        var healthy = await ReadConnectionAsync(host, flow.ConnectionAId);
        _emulator.InjectFaults(count: 20, statusCode: 401);
        var failed = await RunAsync(host, flowId);
        var broken = new[] { await ReadConnectionAsync(host, flow.ConnectionAId), await ReadConnectionAsync(host, flow.ConnectionBId) }
            .Where(c => c.LastErrorAt is not null)
            .ToList();

        Assert.Equal(SyncRunStatus.Succeeded, succeeded.Status);
        Assert.NotNull(healthy.LastSuccessAt);
        Assert.Null(healthy.LastErrorAt);
        Assert.Equal(SyncRunStatus.Failed, failed.Status);
        Assert.NotEmpty(broken);
        Assert.All(broken, c => Assert.Contains("401", c.LastErrorMessage, StringComparison.Ordinal));
        Assert.All(broken, c => Assert.DoesNotContain(GitHubEmulator.DefaultToken, c.LastErrorMessage, StringComparison.Ordinal));
    }

    private static AsyncServiceScope AdminScope(PortalTestHost host) =>
        host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);

    private static async Task<Guid> ConnectionAAsync(PortalTestHost host, Guid flowId) => (await ReadFlowAsync(host, flowId)).ConnectionAId;

    private static async Task<Flow> ReadFlowAsync(PortalTestHost host, Guid flowId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Flows.AsNoTracking().SingleAsync(f => f.Id == flowId);
    }

    private static async Task<Domain.Connections.Connection> ReadConnectionAsync(PortalTestHost host, Guid connectionId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId);
    }

    private static async Task<SyncRun> RunAsync(PortalTestHost host, Guid flowId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        return await scope.ServiceProvider.GetRequiredService<FlowRunner>().RunAsync(flowId, "manual", CancellationToken.None)
            ?? throw new InvalidOperationException("The runner skipped the run.");
    }
}
