using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Requests;

/// <summary>
/// A portal over a fresh SQLite file with fakes for the policy evaluator and the template matcher,
/// and three users: a requester, a second requester and an IT admin.
/// </summary>
public sealed class RequestTestBed : IAsyncDisposable
{
    public const string RequesterId = "u-rita";
    public const string RequesterName = "rita@example.com";
    public const string OtherId = "u-omar";
    public const string OtherName = "omar@example.com";
    public const string AdminId = "u-ivan";
    public const string AdminName = "ivan@example.com";

    private RequestTestBed(PortalTestHost host, FakePolicyEvaluator policies, FakeTemplateMatcher templates)
    {
        Host = host;
        Policies = policies;
        Templates = templates;
    }

    public PortalTestHost Host { get; }

    public FakePolicyEvaluator Policies { get; }

    public FakeTemplateMatcher Templates { get; }

    public static async Task<RequestTestBed> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var policies = new FakePolicyEvaluator();
        var templates = new FakeTemplateMatcher();
        var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite, settings, services =>
        {
            services.AddSingleton<Application.Policies.IPolicyEvaluator>(policies);
            services.AddSingleton<Application.Templates.ITemplateMatcher>(templates);
            configure?.Invoke(services);
        });
        var bed = new RequestTestBed(host, policies, templates);
        await bed.AddUsersAndApproveToolsAsync();
        return bed;
    }

    public static SubmitRequestCommand Command(string toolA = ToolKeys.Redmine, string toolB = ToolKeys.GitHub, string useCase = "Sync support bugs to engineering issues") => new()
    {
        ToolA = toolA,
        ToolB = toolB,
        UseCase = useCase,
        Items = "Bugs of the Support project",
        Fields = "subject, description, status",
        Direction = SyncDirection.Both,
        Justification = "Support and engineering copy every bug by hand today.",
    };

    public AsyncServiceScope Requester() => Host.ScopeFor(RequesterId, RequesterName, Roles.Requester);

    public AsyncServiceScope Other() => Host.ScopeFor(OtherId, OtherName, Roles.Requester);

    public AsyncServiceScope Admin() => Host.ScopeFor(AdminId, AdminName, Roles.ItAdmin);

    /// <summary>Runs one call of the request service as the user of <paramref name="scope"/>, and disposes the scope.</summary>
    public static async Task<T> AsAsync<T>(AsyncServiceScope scope, Func<IRequestService, Task<T>> call)
    {
        await using (scope)
        {
            return await call(scope.ServiceProvider.GetRequiredService<IRequestService>());
        }
    }

    public static async Task AsAsync(AsyncServiceScope scope, Func<IRequestService, Task> call)
    {
        await using (scope)
        {
            await call(scope.ServiceProvider.GetRequiredService<IRequestService>());
        }
    }

    public async Task<Guid> SubmitAsync(SubmitRequestCommand? command = null) =>
        await AsAsync(Requester(), s => s.SubmitAsync(command ?? Command(), CancellationToken.None));

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    private async Task AddUsersAndApproveToolsAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        foreach (var (id, name) in new[] { (RequesterId, RequesterName), (OtherId, OtherName), (AdminId, AdminName) })
        {
            db.Users.Add(new PortalUser { Id = id, UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = name, NormalizedEmail = name.ToUpperInvariant() });
        }

        // The catalog seeds some tools as under review; these tests start with every tool approved.
        foreach (var tool in db.Tools)
        {
            tool.ChangeStatus(ToolStatus.Approved, null, DateTimeOffset.UnixEpoch);
        }

        await db.SaveChangesAsync();
    }
}
