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
        services.TryAddScoped<IFieldClassification, Policies.PolicyFieldClassification>();
        services.AddScoped<ICatalogService, CatalogService>();
        services.AddScoped<IConnectionService, ConnectionService>();
        services.AddScoped<ConnectionAccess>();
        services.AddScoped<ConnectionSharing>();
        services.AddScoped<Groups.IGroupService, Groups.GroupService>();
        services.AddScoped<IRequestService, RequestService>();
        services.AddScoped<RequestScreening>();
        services.AddScoped<RequestProgress>();
        services.AddScoped<Notifications.INotificationService, Notifications.NotificationService>();
        services.AddScoped<Requests.Backlog.IBacklogService, Requests.Backlog.BacklogService>();
        services.AddScoped<Requests.Backlog.IBacklogDashboardService, Requests.Backlog.BacklogDashboardService>();
        services.AddScoped<IFlowService, FlowService>();
        services.AddScoped<IConflictService, ConflictService>();
        services.AddScoped<FlowRunner>();
        services.AddScoped<IWebhookSettingsService, WebhookSettingsService>();
        services.AddScoped<GitHubWebhookReceiver>();
        services.AddScoped<Flows.Policy.FlowPolicyCheck>();
        services.AddScoped<Flows.Policy.FlowPolicyEnforcer>();
        services.AddScoped<Policies.PolicyEvaluator>();
        services.AddScoped<Policies.IPolicyEvaluator>(provider => provider.GetRequiredService<Policies.PolicyEvaluator>());
        services.AddScoped<Policies.PolicyRunGuard>();
        services.AddScoped<Policies.IPolicyService, Policies.PolicyService>();
        services.AddScoped<SyncEngine>();
        services.AddScoped<Templates.ITemplateService, Templates.TemplateService>();
        services.AddScoped<Templates.ITemplateMatcher, Templates.TemplateMatcher>();
        services.AddScoped<Templates.ITemplateFactory, Templates.TemplateFactory>();
        services.AddScoped<Templates.TemplateImpactPreview>();
        services.AddScoped<Templates.FlowTemplateGuard>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
