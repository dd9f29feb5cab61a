using IntegrationPortal.Domain.Audit;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Conflicts;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Groups;
using IntegrationPortal.Domain.Notifications;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Domain.Templates;
using IntegrationPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Common;

/// <summary>The portal's unit of work; one per request, circuit operation or job.</summary>
public interface IPortalDbContext
{
    DbSet<Tool> Tools { get; }

    DbSet<Connection> Connections { get; }

    DbSet<ToolPolicy> ToolPolicies { get; }

    DbSet<ConnectionGrant> ConnectionGrants { get; }

    DbSet<UserGroup> UserGroups { get; }

    DbSet<IntegrationRequest> Requests { get; }

    DbSet<RequestComment> RequestComments { get; }

    DbSet<RequestFollower> RequestFollowers { get; }

    DbSet<Notification> Notifications { get; }

    DbSet<Flow> Flows { get; }

    DbSet<ItemLink> ItemLinks { get; }

    DbSet<SyncRun> SyncRuns { get; }

    DbSet<SyncConflict> SyncConflicts { get; }

    DbSet<AuditEvent> AuditEvents { get; }

    DbSet<WebhookDelivery> WebhookDeliveries { get; }

    DbSet<AuditCheckpoint> AuditCheckpoints { get; }

    DbSet<Template> Templates { get; }

    DbSet<TemplateVersion> TemplateVersions { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
