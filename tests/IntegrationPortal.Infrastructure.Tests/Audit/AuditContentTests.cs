using System.Text.Json;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Audit;

/// <summary>What audit events of a real flow contain: masked sensitive values and never a secret.</summary>
public sealed class AuditContentTests : IAsyncLifetime
{
    private const string Support = "acme/support";
    private const string Engineering = "acme/engineering-audit";
    private const string Secret = "ghp_audit-scan-secret-4f9c2e";

    private GitHubEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { Tokens = [Secret] });
        _emulator.CreateRepository(Support);
        _emulator.CreateRepository(Engineering);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Journey_writes_no_secret_to_audit(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        using var setup = new GitHubFlowSetup(_emulator, Secret);
        await setup.CreateIssueAsync(Support, "Printer queue stalls");
        var flowId = await setup.BuildActiveFlowAsync(host, Support, Engineering);
        await TestConnectionsAsync(host);
        await RunAsync(host, flowId);
        await setup.CreateIssueAsync(Engineering, "Badge reader offline");
        await RunAsync(host, flowId);

        var events = await ReadEventsAsync(host);
        var report = await AuditTestDatabase.VerifyAsync(host);

        Assert.Contains(events, e => e.Action == AuditActions.ConnectionCreated);
        Assert.Contains(events, e => e.Action == AuditActions.ConnectionTested);
        Assert.Contains(events, e => e.Action == AuditActions.ItemSynced);
        foreach (var auditEvent in events)
        {
            var stored = string.Join('\n', auditEvent.ActorId, auditEvent.ActorName, auditEvent.Action, auditEvent.TargetType, auditEvent.TargetId, auditEvent.Details);
            Assert.DoesNotContain(Secret, stored, StringComparison.OrdinalIgnoreCase);
        }

        Assert.True(report.IsIntact, report.Break?.Message);
    }

    [Fact]
    public async Task Sensitive_field_values_are_masked()
    {
        await using var host = await PortalTestHost.StartAsync(
            DatabaseProviders.Sqlite, configure: services => services.AddSingleton<IFieldClassification>(new SensitiveField("B", "title")));
        using var setup = new GitHubFlowSetup(_emulator, Secret);
        await setup.CreateIssueAsync(Support, "Salary review for Dana");
        var flowId = await setup.BuildActiveFlowAsync(host, Support, Engineering);
        await RunAsync(host, flowId);

        var changes = (await ReadEventsAsync(host))
            .Where(e => e.Action == AuditActions.ItemSynced)
            .SelectMany(e => JsonDocument.Parse(e.Details).RootElement.GetProperty("changes").EnumerateArray())
            .Select(c => (Field: c.GetProperty("field").GetString(), New: c.GetProperty("new").GetString()))
            .ToList();

        Assert.Contains(changes, c => c.Field == "title" && c.New == AuditValueMask.Masked);
        Assert.Contains(changes, c => c.Field == "status" && c.New == "open");
        Assert.DoesNotContain(changes, c => c.New?.Contains("Salary", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Mask_keeps_null_and_other_fields()
    {
        var classification = new SensitiveField("A", "email");
        var flowId = Guid.NewGuid();

        Assert.Equal(AuditValueMask.Masked, AuditValueMask.Apply(classification, flowId, "A", "email", "dana@example.com"));
        Assert.Null(AuditValueMask.Apply(classification, flowId, "A", "email", null));
        Assert.Equal("dana@example.com", AuditValueMask.Apply(classification, flowId, "B", "email", "dana@example.com"));
        Assert.Equal("Dana", AuditValueMask.Apply(classification, flowId, "A", "name", "Dana"));
    }

    private static async Task TestConnectionsAsync(PortalTestHost host)
    {
        await using var admin = host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);
        var connections = admin.ServiceProvider.GetRequiredService<IConnectionService>();
        foreach (var connection in await connections.ListAsync(CancellationToken.None))
        {
            await connections.TestAsync(connection.Id, CancellationToken.None);
        }
    }

    private static async Task RunAsync(PortalTestHost host, Guid flowId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem();
        await scope.ServiceProvider.GetRequiredService<FlowRunner>().RunAsync(flowId, "manual", CancellationToken.None);
    }

    private static async Task<List<Domain.Audit.AuditEvent>> ReadEventsAsync(PortalTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    private sealed class SensitiveField(string sensitiveSide, string sensitiveField) : IFieldClassification
    {
        public bool IsSensitive(Guid flowId, string side, string field) => side == sensitiveSide && field == sensitiveField;
    }
}
