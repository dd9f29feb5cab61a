using Bunit;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Application.Conflicts;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Notifications;
using IntegrationPortal.Application.Policies;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Application.Requests.Backlog;
using IntegrationPortal.Application.Users;
using IntegrationPortal.Application.Webhooks;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace IntegrationPortal.Web.Tests;

/// <summary>
/// A bunit context with MudBlazor's services, a signed-in IT admin and fakes of every application
/// service, which tests fill and inspect.
/// </summary>
/// <remarks>
/// MudBlazor registers services that only implement IAsyncDisposable, so the context is disposed
/// through xunit's <see cref="IAsyncLifetime"/>; the synchronous Dispose that follows finds it disposed.
/// </remarks>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    protected PortalTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<ICatalogService>(Catalog);
        Services.AddSingleton<IConnectionService>(Connections);
        Services.AddSingleton<IRequestService>(Requests);
        Services.AddSingleton<INotificationService>(Notifications);
        Services.AddSingleton<Sync.Connectors.IConnectorFactory>(new FakeConnectorFactory());
        Services.AddSingleton<IBacklogService>(Backlog);
        Services.AddSingleton<IBacklogDashboardService>(BacklogDashboard);
        Services.AddSingleton<IFlowService>(Flows);
        Services.AddSingleton<IPolicyService>(Policies);
        Services.AddSingleton<IConflictService>(Conflicts);
        Services.AddSingleton<IAuditQueries>(Audit);
        Services.AddSingleton<Application.Audit.Chain.IAuditChainService>(AuditChain);
        Services.AddSingleton<IUserAdminService>(Users);
        Services.AddSingleton<IWebhookSettingsService>(Webhooks);
        Services.AddSingleton<Application.Templates.ITemplateService>(Templates);
        Services.AddSingleton<Application.Groups.IGroupService>(Groups);
        Services.AddSingleton(TimeProvider.System);

        var authorization = AddAuthorization();
        authorization.SetAuthorized("admin@example.com");
        authorization.SetRoles(Roles.ItAdmin);
    }

    protected FakeCatalogService Catalog { get; } = new();

    protected FakeConnectionService Connections { get; } = new();

    protected FakeRequestService Requests { get; } = new();

    protected FakeBacklogService Backlog { get; } = new();

    protected FakeBacklogDashboardService BacklogDashboard { get; } = new();

    protected FakeFlowService Flows { get; } = new();

    protected FakePolicyService Policies { get; } = new();
    protected FakeNotificationService Notifications { get; } = new();

    protected FakeConflictService Conflicts { get; } = new();

    protected FakeAuditQueries Audit { get; } = new();

    protected FakeAuditChainService AuditChain { get; } = new();

    protected FakeUserAdminService Users { get; } = new();

    protected FakeWebhookSettingsService Webhooks { get; } = new();

    protected FakeTemplateService Templates { get; } = new();
    protected FakeGroupService Groups { get; } = new();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Renders the providers that MudBlazor's selects, dialogs and snackbars render into.</summary>
    protected IRenderedComponent<IComponent> RenderProviders() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
    });
}
