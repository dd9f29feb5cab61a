using IntegrationPortal.Application.Notifications;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationPortal.Infrastructure.Tests.Requests.Backlog;

/// <summary>A portal on a fresh database with a fixed clock and fakes of the template factory and notifier.</summary>
internal sealed class BacklogTestBed : IAsyncDisposable
{
    public const string AdminId = "u-admin";
    public const string AdminName = "ivan@example.com";
    public const string RequesterId = "u-req";
    public const string RequesterName = "rita@example.com";

    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private BacklogTestBed(PortalTestHost host, FakeTimeProvider time, FakeTemplateFactory templates, FakeRequestNotifier notifier)
    {
        Host = host;
        Time = time;
        Templates = templates;
        Notifier = notifier;
    }

    public PortalTestHost Host { get; }

    public FakeTimeProvider Time { get; }

    public FakeTemplateFactory Templates { get; }

    public FakeRequestNotifier Notifier { get; }

    /// <summary>Starts a portal on <paramref name="provider"/>; SQLite unless a test runs on both providers.</summary>
    public static async Task<BacklogTestBed> StartAsync(string provider = DatabaseProviders.Sqlite)
    {
        var time = new FakeTimeProvider(Now);
        var templates = new FakeTemplateFactory();
        var notifier = new FakeRequestNotifier();
        var host = await PortalTestHost.StartAsync(provider, configure: services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<ITemplateFactory>(templates);
            services.AddSingleton<IRequestNotifier>(notifier);
        });
        return new BacklogTestBed(host, time, templates, notifier);
    }

    public AsyncServiceScope Admin() => Host.ScopeFor(AdminId, AdminName, Roles.ItAdmin);

    /// <summary>Adds a request submitted <paramref name="daysAgo"/> days before <see cref="Now"/> and moved on by <paramref name="moves"/>.</summary>
    public async Task<Guid> AddAsync(string useCase, double daysAgo, Action<IntegrationRequest, DateTimeOffset>? moves = null, string toolA = "redmine", string toolB = "github")
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var at = Now.AddDays(-daysAgo);
        var request = new IntegrationRequest(
            Guid.NewGuid(), RequesterId, RequesterName, toolA, toolB, useCase, "title, status", SyncDirection.Both,
            "Bugs are copied by hand today.", at);
        moves?.Invoke(request, at);
        db.Requests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    public async Task<IntegrationRequest> FindAsync(Guid id)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Requests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public async Task<List<string>> AuditActionsForAsync(Guid id)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var target = id.ToString();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.TargetType == "request" && e.TargetId == target)
            .OrderBy(e => e.Id)
            .Select(e => e.Action)
            .ToListAsync();
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
