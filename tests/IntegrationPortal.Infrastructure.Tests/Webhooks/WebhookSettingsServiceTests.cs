using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Webhooks;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Webhooks;

public sealed class WebhookSettingsServiceTests
{
    private const string Support = "acme/support";

    [Fact]
    public async Task Generated_secret_is_stored_encrypted()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);
        var secret = bed.Secrets[bed.ConnectionA];

        await using var scope = bed.Host.Services.CreateAsyncScope();
        var connection = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Connections.AsNoTracking().SingleAsync(c => c.Id == bed.ConnectionA);
        Assert.Equal(64, secret.Length);
        Assert.NotNull(connection.ProtectedWebhookSecret);
        Assert.DoesNotContain(secret, connection.ProtectedWebhookSecret, StringComparison.Ordinal);
        Assert.Equal(secret, scope.ServiceProvider.GetRequiredService<ISecretProtector>().Unprotect(connection.ProtectedWebhookSecret));
        Assert.NotNull(connection.WebhookSecretCreatedAt);
    }

    [Fact]
    public async Task Enable_rotate_and_disable_are_audited_without_secret()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);
        var first = bed.Secrets[bed.ConnectionA];
        var rotated = await bed.GenerateSecretAsync(bed.ConnectionA);
        await using (var admin = bed.Host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin))
        {
            await admin.ServiceProvider.GetRequiredService<IWebhookSettingsService>().DisableAsync(bed.ConnectionA, CancellationToken.None);
        }

        await using var scope = bed.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.TargetId == bed.ConnectionA.ToString() && e.Action.StartsWith("connection.webhook"))
            .OrderBy(e => e.Id)
            .ToListAsync();
        var connection = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == bed.ConnectionA);
        Assert.Equal(
            [AuditActions.WebhooksEnabled, AuditActions.WebhookSecretRotated, AuditActions.WebhooksDisabled],
            events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(GitHubFlowSetup.AdminName, e.ActorName));
        Assert.All(events, e => Assert.DoesNotContain(first, e.Details, StringComparison.Ordinal));
        Assert.All(events, e => Assert.DoesNotContain(rotated.Secret, e.Details, StringComparison.Ordinal));
        Assert.Null(connection.ProtectedWebhookSecret);
        Assert.False(rotated.ToString().Contains(rotated.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_lists_github_connections()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);
        await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened);
        await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesLabeled);

        await using var admin = bed.Host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);
        var statuses = await admin.ServiceProvider.GetRequiredService<IWebhookSettingsService>().ListAsync(CancellationToken.None);

        Assert.Equal(2, statuses.Count);
        var statusA = statuses.Single(s => s.ConnectionId == bed.ConnectionA);
        Assert.True(statusA.Enabled);
        Assert.Equal(2, statusA.RecentDeliveries);
        Assert.NotNull(statusA.LastDeliveryAt);
        Assert.Equal(0, statuses.Single(s => s.ConnectionId == bed.ConnectionB).RecentDeliveries);
    }

    [Fact]
    public async Task Requester_cannot_generate_secret()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);

        await using var requester = bed.Host.ScopeFor(GitHubFlowSetup.OwnerId, GitHubFlowSetup.OwnerName, Roles.Requester);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            requester.ServiceProvider.GetRequiredService<IWebhookSettingsService>().GenerateSecretAsync(bed.ConnectionA, CancellationToken.None));
    }

    [Fact]
    public async Task Redmine_connection_gets_no_webhook()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);
        var redmine = new Connection(Guid.NewGuid(), "Service desk Redmine", ToolKeys.Redmine, "http://127.0.0.1:3000", "protected", "ivan", DateTimeOffset.UtcNow);
        await using (var scope = bed.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Connections.Add(redmine);
            await db.SaveChangesAsync();
        }

        await using var admin = bed.Host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            admin.ServiceProvider.GetRequiredService<IWebhookSettingsService>().GenerateSecretAsync(redmine.Id, CancellationToken.None));
        Assert.Contains("GitHub only", error.Message, StringComparison.Ordinal);
    }
}
