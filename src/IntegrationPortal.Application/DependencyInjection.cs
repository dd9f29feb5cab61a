using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Application.Conflicts;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Application.Webhooks;
using IntegrationPortal.Sync.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationPortal.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<SubmitRequestCommandValidator>(includeInternalTypes: true);
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<IAuditQueries, AuditQueries>();
        services.AddScoped<Audit.Chain.AuditChainVerifier>();
        services.AddScoped<Audit.Chain.IAuditChainService, Audit.Chain.AuditChainService>();
        services.AddSingleton<Audit.Chain.AuditCheckpointSigner>();
        services.TryAddSingleton<IFieldClassification, NoSensitiveFields>();
        services.AddScoped<ICatalogService, CatalogService>();
        services.AddScoped<IConnectionService, ConnectionService>();
        services.AddScoped<IRequestService, RequestService>();
        services.AddScoped<Requests.Backlog.IBacklogService, Requests.Backlog.BacklogService>();
        services.AddScoped<Requests.Backlog.IBacklogDashboardService, Requests.Backlog.BacklogDashboardService>();
        services.AddScoped<IFlowService, FlowService>();
        services.AddScoped<IConflictService, ConflictService>();
        services.AddScoped<FlowRunner>();
        services.AddScoped<IWebhookSettingsService, WebhookSettingsService>();
        services.AddScoped<GitHubWebhookReceiver>();
        services.AddScoped<Flows.Policy.FlowPolicyCheck>();
        services.AddScoped<Flows.Policy.FlowPolicyEnforcer>();
        services.AddScoped<SyncEngine>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
