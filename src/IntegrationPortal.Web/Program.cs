using System.Data.Common;
using Hangfire;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Audit.Chain;
using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Application.Conflicts;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Notifications;
using IntegrationPortal.Application.Policies;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Application.Requests.Backlog;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Application.Users;
using IntegrationPortal.Application.Webhooks;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Infrastructure;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Jobs;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Web.Account;
using IntegrationPortal.Web.Audit;
using IntegrationPortal.Web.Components;
using IntegrationPortal.Web.Hosting;
using IntegrationPortal.Web.Seeding;
using IntegrationPortal.Web.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
if (SeedBacklogCommand.Matches(args))
{
    return await SeedBacklogCommand.RunAsync(args, builder.Configuration);
}

// Serves the packages' static files (MudBlazor's css and js) from the build folder in every
// environment, so `dotnet run` works without publishing. A published app has them in wwwroot.
builder.WebHost.UseStaticWebAssets();
var role = HostRole.Parse(builder.Configuration["role"] ?? builder.Configuration["Role"]);

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext());

try
{
    builder.Services.AddInfrastructure(builder.Configuration, runJobs: role.RunsJobs);
}
catch (InvalidOperationException ex)
{
    return StartupFailure.Report(ex);
}

if (role.ServesWeb)
{
    // SignalR's default of 32 KB per message drops the circuit when someone pastes a long text
    // into a field. With 1 MB the text reaches the validators, which report the length limit.
    builder.Services.AddRazorComponents().AddInteractiveServerComponents()
        .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 1024 * 1024);
    builder.Services.AddMudServices();
    builder.Services.AddCascadingAuthenticationState();
    builder.Services.AddScoped<CircuitHandler, CurrentUserCircuitHandler>();
    builder.Services.AddPerCallScopes(
        typeof(ICatalogService),
        typeof(IConnectionService),
        typeof(IRequestService),
        typeof(INotificationService),
        typeof(IBacklogService),
        typeof(IBacklogDashboardService),
        typeof(IFlowService),
        typeof(ITemplateService),
        typeof(IPolicyService),
        typeof(IConflictService),
        typeof(IAuditQueries),
        typeof(IAuditChainService),
        typeof(IUserAdminService),
        typeof(IntegrationPortal.Application.Groups.IGroupService),
        typeof(IWebhookSettingsService));
    builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
    builder.Services.ConfigureApplicationCookie(cookie =>
    {
        cookie.LoginPath = "/account/login";
        cookie.AccessDeniedPath = "/account/denied";
    });
    builder.Services.AddAuthorization();
}

var app = builder.Build();

if (string.IsNullOrWhiteSpace(builder.Configuration["DataProtection:CertificatePath"]))
{
    app.Logger.LogWarning(
        "The key ring that encrypts connection tokens is stored unencrypted in the database, so a copy of the "
        + "database is enough to read the tokens. Set DataProtection:CertificatePath to a .pfx file to encrypt it.");
}

try
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    if (role.RunsJobs)
    {
        AuditJobs.Schedule(scope.ServiceProvider.GetRequiredService<IRecurringJobManager>(), scope.ServiceProvider.GetRequiredService<IOptions<AuditOptions>>());
    }
}
catch (Exception ex) when (ex is DbException or ArgumentException or InvalidOperationException or TimeoutException)
{
    return StartupFailure.Report(ex);
}

if (role.ServesWeb)
{
    app.UseSerilogRequestLogging();
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseAuthentication();
    app.UseAuthorization();
    app.Use((context, next) =>
    {
        context.RequestServices.GetRequiredService<CurrentUser>().Set(context.User);
        return next(context);
    });
    app.UseAntiforgery();
    app.MapStaticAssets();
    app.MapAccountEndpoints();
    app.MapWebhookEndpoints();
    app.MapAuditExportEndpoints();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    // The endpoint policy sends others to sign-in or the denied page, like any portal page. The
    // dashboard's own filter checks the role again.
    app.MapHangfireDashboard("/hangfire", new DashboardOptions
    {
        Authorization = [new HangfireDashboardAuthorization()],
        DisplayStorageConnectionString = false,
    }).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.ItAdmin });
}

app.MapGet("/health", () => Results.Ok(new { status = "ok", role = role.ToString() })).AllowAnonymous();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    app.Logger.LogInformation("IntegrationPortal started as {Role}; browse to {Addresses}", role.Describe(), string.Join(", ", addresses));
});

await app.RunAsync();
return 0;

/// <summary>The entry point, public so that test hosts can start the portal.</summary>
public partial class Program;
