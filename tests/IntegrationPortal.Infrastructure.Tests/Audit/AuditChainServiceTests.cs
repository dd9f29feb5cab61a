using System.Text.Json;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Audit.Chain;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Infrastructure.Jobs;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Infrastructure.Tests.Audit;

/// <summary>The on-demand check and the scheduled verification job, and what each records.</summary>
public sealed class AuditChainServiceTests
{
    private readonly CapturingLogger _log = new();

    [Fact]
    public async Task Check_records_outcome_as_auditor()
    {
        await using var host = await StartAsync();
        await AuditTestDatabase.RecordEventsAsync(host, 3);
        var reported = new List<AuditVerificationProgress>();

        AuditChainReport report;
        await using (var auditor = host.ScopeFor("u-aud", "ada@example.com", Roles.Auditor))
        {
            report = await auditor.ServiceProvider.GetRequiredService<IAuditChainService>()
                .CheckAsync(new SynchronousProgress(reported.Add), CancellationToken.None);
        }

        var recorded = (await AuditTestDatabase.ReadChainAsync(host))[^1];
        Assert.True(report.IsIntact);
        Assert.Equal(AuditActions.ChainVerified, recorded.Action);
        Assert.Equal("ada@example.com", recorded.ActorName);
        Assert.Equal(3, JsonDocument.Parse(recorded.Details).RootElement.GetProperty("checkedCount").GetInt64());
        Assert.Equal(new AuditVerificationProgress(3, 3), reported[^1]);
    }

    [Fact]
    public async Task Check_rejects_requester()
    {
        await using var host = await StartAsync();
        await using var requester = host.ScopeFor("u-req", "rita@example.com", Roles.Requester);

        await Assert.ThrowsAsync<ForbiddenAccessException>(
            () => requester.ServiceProvider.GetRequiredService<IAuditChainService>().CheckAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Job_records_break_and_warns()
    {
        await using var host = await StartAsync();
        await AuditTestDatabase.RecordEventsAsync(host, 3);
        await AuditTestDatabase.TamperAsync(host, DatabaseProviders.Sqlite, """UPDATE "AuditEvents" SET "TargetId" = 'x' WHERE "Sequence" = 2""");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditJobs>().VerifyAsync(CancellationToken.None);
        }

        await using var check = host.Services.CreateAsyncScope();
        var recorded = await check.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents
            .OrderByDescending(e => e.Id).FirstAsync();
        var breakDetails = JsonDocument.Parse(recorded.Details).RootElement.GetProperty("break");
        Assert.Equal(AuditActions.ChainBroken, recorded.Action);
        Assert.Equal(AuditJobActor.Name, recorded.ActorName);
        Assert.Equal("Edited", breakDetails.GetProperty("kind").GetString());
        Assert.Equal(2, breakDetails.GetProperty("sequence").GetInt64());
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("sequence 2", StringComparison.Ordinal));
    }

    private Task<PortalTestHost> StartAsync() =>
        PortalTestHost.StartAsync(
            DatabaseProviders.Sqlite,
            configure: services => services.AddSingleton<ILogger<AuditChainService>>(_log));

    /// <summary>Calls back on the reporting thread, so every report is in the list before the check returns.</summary>
    private sealed class SynchronousProgress(Action<AuditVerificationProgress> report) : IProgress<AuditVerificationProgress>
    {
        public void Report(AuditVerificationProgress value) => report(value);
    }

    private sealed class CapturingLogger : ILogger<AuditChainService>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
