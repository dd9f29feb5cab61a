using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationPortal.Infrastructure.Tests.Catalog;

/// <summary>Catalog entries, owners and review dates through the real service and a SQLite database.</summary>
public sealed class CatalogServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AddTool_without_connector_is_listed()
    {
        await using var host = await StartAsync();
        var ownerId = await TestAccounts.CreateAsync(host, "olga@example.com", Roles.ItAdmin);

        await using var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin);
        var catalog = admin.ServiceProvider.GetRequiredService<ICatalogService>();
        await catalog.AddToolAsync(
            new AddToolCommand { Key = "jira", Name = "Jira", Status = ToolStatus.UnderReview, OwnerId = ownerId, ReviewDate = new DateOnly(2027, 1, 15) },
            CancellationToken.None);
        var jira = (await catalog.ListToolsAsync(CancellationToken.None)).Single(t => t.Key == "jira");
        var github = (await catalog.ListToolsAsync(CancellationToken.None)).Single(t => t.Key == ToolKeys.GitHub);

        Assert.False(jira.HasConnector);
        Assert.True(github.HasConnector);
        Assert.Equal("olga@example.com", jira.OwnerName);
        Assert.Equal(new DateOnly(2027, 1, 15), jira.ReviewDate);
        Assert.False(jira.ReviewOverdue);
        var added = await SingleAuditAsync(host, AuditActions.ToolAdded);
        Assert.Equal("jira", added.TargetId);
        Assert.Contains("olga@example.com", added.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_preview_lists_open_requests_naming_the_tool()
    {
        await using var host = await StartAsync();
        var openId = Guid.NewGuid();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var at = _time.GetUtcNow();
            var decided = Request(Guid.NewGuid(), ToolKeys.Redmine, ToolKeys.GitHub, at);
            decided.Reject("ivan@example.com", "Use the bug template.", at);
            db.Requests.AddRange(
                Request(openId, ToolKeys.Redmine, ToolKeys.GitHub, at),
                Request(Guid.NewGuid(), ToolKeys.Redmine, ToolKeys.Redmine, at),
                decided);
            await db.SaveChangesAsync();
        }

        await using var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin);
        var preview = await admin.ServiceProvider.GetRequiredService<ICatalogService>()
            .PreviewStatusChangeAsync(ToolKeys.GitHub, ToolStatus.Blocked, CancellationToken.None);

        var affected = Assert.Single(preview.OpenRequests);
        Assert.Equal(openId, affected.Id);
        Assert.Equal("rita@example.com", affected.RequesterName);
        Assert.Equal(RequestStatus.Submitted, affected.Status);
    }

    [Fact]
    public async Task ReviewDate_in_past_is_overdue()
    {
        await using var host = await StartAsync();
        await using (var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin))
        {
            await admin.ServiceProvider.GetRequiredService<ICatalogService>().UpdateToolAsync(
                new UpdateToolCommand { ToolKey = ToolKeys.GitHub, Name = "GitHub", ReviewDate = new DateOnly(2026, 12, 5) },
                CancellationToken.None);
        }

        _time.Advance(TimeSpan.FromDays(2));
        await using var reader = host.ScopeFor("u-req", "rita@example.com", Roles.Requester);
        var github = (await reader.ServiceProvider.GetRequiredService<ICatalogService>().ListToolsAsync(CancellationToken.None))
            .Single(t => t.Key == ToolKeys.GitHub);

        Assert.True(github.ReviewOverdue);
    }

    [Theory]
    [InlineData("Jira", "Key")]
    [InlineData("github", "Key")]
    public async Task AddTool_rejects_bad_key(string key, string property)
    {
        await using var host = await StartAsync();
        await using var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin);

        var error = await Assert.ThrowsAsync<ValidationException>(() => admin.ServiceProvider.GetRequiredService<ICatalogService>()
            .AddToolAsync(new AddToolCommand { Key = key, Name = "Some tool" }, CancellationToken.None));

        Assert.Equal(property, Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public async Task AddTool_rejects_owner_outside_IT()
    {
        await using var host = await StartAsync();
        var requesterId = await TestAccounts.CreateAsync(host, "rita@example.com", Roles.Requester);
        await using var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin);

        var error = await Assert.ThrowsAsync<ValidationException>(() => admin.ServiceProvider.GetRequiredService<ICatalogService>()
            .AddToolAsync(new AddToolCommand { Key = "asana", Name = "Asana", OwnerId = requesterId }, CancellationToken.None));

        var failure = Assert.Single(error.Errors);
        Assert.Equal(nameof(AddToolCommand.OwnerId), failure.PropertyName);
        Assert.Contains("not an IT admin", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTool_rejects_past_review_date()
    {
        await using var host = await StartAsync();
        await using var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin);

        var error = await Assert.ThrowsAsync<ValidationException>(() => admin.ServiceProvider.GetRequiredService<ICatalogService>()
            .AddToolAsync(new AddToolCommand { Key = "trello", Name = "Trello", ReviewDate = new DateOnly(2026, 12, 3) }, CancellationToken.None));

        Assert.Equal(nameof(AddToolCommand.ReviewDate), Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public async Task AddTool_blocked_needs_reason()
    {
        await using var host = await StartAsync();
        await using var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin);

        var error = await Assert.ThrowsAsync<ValidationException>(() => admin.ServiceProvider.GetRequiredService<ICatalogService>()
            .AddToolAsync(new AddToolCommand { Key = "google-sheets", Name = "Google Sheets", Status = ToolStatus.Blocked }, CancellationToken.None));

        Assert.Equal(nameof(AddToolCommand.Reason), Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public async Task Requester_cannot_change_catalog()
    {
        await using var host = await StartAsync();
        await using var requester = host.ScopeFor("u-req", "rita@example.com", Roles.Requester);
        var catalog = requester.ServiceProvider.GetRequiredService<ICatalogService>();

        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            catalog.AddToolAsync(new AddToolCommand { Key = "jira", Name = "Jira" }, CancellationToken.None));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            catalog.UpdateToolAsync(new UpdateToolCommand { ToolKey = ToolKeys.GitHub, Name = "GitHub" }, CancellationToken.None));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            catalog.PreviewStatusChangeAsync(ToolKeys.GitHub, ToolStatus.Blocked, CancellationToken.None));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => catalog.ListOwnerCandidatesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UpdateTool_audits_before_and_after()
    {
        await using var host = await StartAsync();
        var ownerId = await TestAccounts.CreateAsync(host, "olga@example.com", Roles.ItAdmin);
        await using var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin);
        var catalog = admin.ServiceProvider.GetRequiredService<ICatalogService>();

        await catalog.UpdateToolAsync(
            new UpdateToolCommand { ToolKey = ToolKeys.Redmine, Name = "Redmine (on premises)", OwnerId = ownerId, Reason = "Hosted in our data centre." },
            CancellationToken.None);

        var redmine = (await catalog.ListToolsAsync(CancellationToken.None)).Single(t => t.Key == ToolKeys.Redmine);
        Assert.Equal("Redmine (on premises)", redmine.Name);
        Assert.Equal(ownerId, redmine.OwnerId);
        Assert.Equal(ToolStatus.UnderReview, redmine.Status);
        var updated = await SingleAuditAsync(host, AuditActions.ToolUpdated);
        Assert.Contains("\"before\":{\"name\":\"Redmine\"", updated.Details, StringComparison.Ordinal);
        Assert.Contains("Hosted in our data centre.", updated.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnerCandidates_are_IT_admins_only()
    {
        await using var host = await StartAsync();
        await TestAccounts.CreateAsync(host, "olga@example.com", Roles.ItAdmin);
        await TestAccounts.CreateAsync(host, "rita@example.com", Roles.Requester);
        await using var admin = host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin);

        var candidates = await admin.ServiceProvider.GetRequiredService<ICatalogService>().ListOwnerCandidatesAsync(CancellationToken.None);

        Assert.Equal(["olga@example.com"], candidates.Select(c => c.Name));
    }

    private static async Task<Domain.Audit.AuditEvent> SingleAuditAsync(PortalTestHost host, string action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == action);
    }

    private Task<PortalTestHost> StartAsync() =>
        PortalTestHost.StartAsync(DatabaseProviders.Sqlite, configure: services => services.AddSingleton<TimeProvider>(_time));

    private static IntegrationRequest Request(Guid id, string toolA, string toolB, DateTimeOffset at) => new(
        id, "u-req", "rita@example.com", toolA, toolB, "Customer bugs to engineering", "title", SyncDirection.Both,
        "Support copies bugs by hand today.", at);
}
