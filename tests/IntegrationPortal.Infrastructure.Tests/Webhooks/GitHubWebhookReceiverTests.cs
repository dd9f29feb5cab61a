using System.Net;
using System.Text;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Webhooks;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationPortal.Infrastructure.Tests.Webhooks;

/// <summary>
/// The receiver with the portal's real services and database: signatures, routing to flows,
/// ignored events and duplicates, using recorded GitHub deliveries. Runs are only queued in
/// Hangfire's storage, never run, so the tests read what a delivery triggered.
/// </summary>
public sealed class GitHubWebhookReceiverTests
{
    private const string Support = "acme/support";

    [Fact]
    public async Task Issues_event_queues_run_of_flow_on_side_a()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);

        var receipt = await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened);

        Assert.Equal(WebhookOutcome.Accepted, receipt.Outcome);
        Assert.Equal(1, receipt.FlowsTriggered);
        Assert.Equal([bed.FlowId], bed.QueuedWebhookRuns());
    }

    [Fact]
    public async Task Issues_event_queues_run_of_flow_on_side_b()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, Support, WebhookFixtures.Repository);

        var receipt = await bed.DeliverAsync(bed.ConnectionB, "issues", WebhookFixtures.IssuesLabeled);

        Assert.Equal(WebhookOutcome.Accepted, receipt.Outcome);
        Assert.Equal([bed.FlowId], bed.QueuedWebhookRuns());
    }

    [Fact]
    public async Task Repository_on_other_connection_side_triggers_nothing()
    {
        // Side A's connection syncs acme/support, so a delivery about the repository on side B that
        // arrives on side A's connection matches no flow.
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, Support, WebhookFixtures.Repository);

        var receipt = await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened);

        Assert.Equal(WebhookOutcome.Accepted, receipt.Outcome);
        Assert.Equal(0, receipt.FlowsTriggered);
        Assert.Empty(bed.QueuedWebhookRuns());
    }

    [Fact]
    public async Task Repository_name_matches_without_case()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository.ToUpperInvariant(), Support);

        var receipt = await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened);

        Assert.Equal(1, receipt.FlowsTriggered);
    }

    [Fact]
    public async Task Transferred_issue_triggers_flow_of_new_repository()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);

        var receipt = await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesTransferred);

        Assert.Equal(WebhookOutcome.Accepted, receipt.Outcome);
        Assert.Equal([bed.FlowId], bed.QueuedWebhookRuns());
    }

    [Fact]
    public async Task Paused_flow_is_not_triggered()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);
        await using (var owner = bed.Host.ScopeFor(GitHubFlowSetup.OwnerId, GitHubFlowSetup.OwnerName, Roles.Requester))
        {
            await owner.ServiceProvider.GetRequiredService<IFlowService>().PauseAsync(bed.FlowId, "Holiday freeze.", CancellationToken.None);
        }

        var receipt = await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened);

        Assert.Equal(0, receipt.FlowsTriggered);
        Assert.Empty(bed.QueuedWebhookRuns());
    }

    [Fact]
    public async Task Ping_is_acknowledged_without_run()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);

        var receipt = await bed.DeliverAsync(bed.ConnectionA, "ping", WebhookFixtures.Ping);

        Assert.Equal(WebhookOutcome.Ignored, receipt.Outcome);
        Assert.Contains("Pong", receipt.Message, StringComparison.Ordinal);
        Assert.Empty(bed.QueuedWebhookRuns());
        var status = await StatusOfAsync(bed, bed.ConnectionA);
        Assert.Equal(1, status.RecentDeliveries);
        Assert.NotNull(status.LastDeliveryAt);
    }

    [Fact]
    public async Task Other_event_is_ignored()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);

        var receipt = await bed.DeliverAsync(bed.ConnectionA, "issue_comment", WebhookFixtures.IssueCommentCreated);

        Assert.Equal(WebhookOutcome.Ignored, receipt.Outcome);
        Assert.Contains("issue_comment", receipt.Message, StringComparison.Ordinal);
        Assert.Empty(bed.QueuedWebhookRuns());
    }

    [Fact]
    public async Task Form_encoded_payload_is_read()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);
        var body = Encoding.UTF8.GetBytes("payload=" + WebUtility.UrlEncode(Encoding.UTF8.GetString(WebhookFixtures.IssuesOpened)));

        var receipt = await bed.DeliverSignedAsync(
            bed.ConnectionA, "issues", body, GitHubWebhookSignature.Compute(bed.Secrets[bed.ConnectionA], body), isFormEncoded: true);

        Assert.Equal(WebhookOutcome.Accepted, receipt.Outcome);
        Assert.Equal(1, receipt.FlowsTriggered);
    }

    [Fact]
    public async Task Payload_without_repository_is_invalid()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);

        var receipt = await bed.DeliverAsync(bed.ConnectionA, "issues", Encoding.UTF8.GetBytes("""{"action":"opened"}"""));

        Assert.Equal(WebhookOutcome.Invalid, receipt.Outcome);
        Assert.Contains("repository.full_name", receipt.Message, StringComparison.Ordinal);
        Assert.Empty(bed.QueuedWebhookRuns());
    }

    [Fact]
    public async Task Missing_event_header_is_invalid()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);
        var body = WebhookFixtures.IssuesOpened;

        var receipt = await bed.DeliverSignedAsync(bed.ConnectionA, null, body, GitHubWebhookSignature.Compute(bed.Secrets[bed.ConnectionA], body));

        Assert.Equal(WebhookOutcome.Invalid, receipt.Outcome);
        Assert.Contains("X-GitHub-Event", receipt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redelivery_is_acknowledged_without_second_run()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);
        var deliveryId = Guid.NewGuid().ToString();

        var first = await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened, deliveryId);
        var second = await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened, deliveryId);

        Assert.Equal(WebhookOutcome.Accepted, first.Outcome);
        Assert.Equal(WebhookOutcome.Duplicate, second.Outcome);
        Assert.Equal([bed.FlowId], bed.QueuedWebhookRuns());
    }

    [Fact]
    public async Task Same_delivery_id_on_other_connection_is_not_duplicate()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, WebhookFixtures.Repository + "-mirror");
        var deliveryId = Guid.NewGuid().ToString();

        await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened, deliveryId);
        var other = await bed.DeliverAsync(bed.ConnectionB, "issues", WebhookFixtures.IssuesOpened, deliveryId);

        Assert.Equal(WebhookOutcome.Accepted, other.Outcome);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Same_delivery_at_same_moment_triggers_once(string provider)
    {
        await using var bed = await WebhookTestBed.StartAsync(provider, WebhookFixtures.Repository, Support);
        var deliveryId = Guid.NewGuid().ToString();

        var receipts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened, deliveryId)));

        Assert.Equal(1, receipts.Count(r => r.Outcome == WebhookOutcome.Accepted));
        Assert.Equal(3, receipts.Count(r => r.Outcome == WebhookOutcome.Duplicate));
        Assert.Equal([bed.FlowId], bed.QueuedWebhookRuns());
    }

    [Fact]
    public async Task Delivery_id_is_forgotten_after_window()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await WebhookTestBed.StartAsync(
            DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support, configure: services => services.AddSingleton<TimeProvider>(clock));
        var deliveryId = Guid.NewGuid().ToString();
        await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened, deliveryId);

        clock.Advance(GitHubWebhookReceiver.DuplicateWindow + TimeSpan.FromMinutes(1));
        var later = await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesLabeled);
        var repeated = await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened, deliveryId);

        await using var scope = bed.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(WebhookOutcome.Accepted, later.Outcome);
        Assert.Equal(WebhookOutcome.Accepted, repeated.Outcome);
        Assert.Equal(2, await db.WebhookDeliveries.CountAsync());
    }

    [Fact]
    public async Task Wrong_signature_is_rejected_and_audited()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);
        var body = WebhookFixtures.IssuesOpened;
        var deliveryId = Guid.NewGuid().ToString();

        var receipt = await bed.DeliverSignedAsync(bed.ConnectionA, "issues", body, GitHubWebhookSignature.Compute("guessed-secret", body), deliveryId);

        Assert.Equal(WebhookOutcome.Unauthorized, receipt.Outcome);
        Assert.Contains("does not match", receipt.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.Secrets[bed.ConnectionA], receipt.Message, StringComparison.Ordinal);
        Assert.Empty(bed.QueuedWebhookRuns());
        var rejected = Assert.Single(await AuditEventsAsync(bed, AuditActions.WebhookRejected));
        Assert.Equal(bed.ConnectionA.ToString(), rejected.TargetId);
        Assert.Equal(GitHubWebhookReceiver.ActorId, rejected.ActorId);
        Assert.Contains(deliveryId, rejected.Details, StringComparison.Ordinal);
        Assert.Contains("signature mismatch", rejected.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Spelling error", rejected.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.Secrets[bed.ConnectionA], rejected.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_signature_is_rejected()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);

        var receipt = await bed.DeliverSignedAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened, signature: null);

        Assert.Equal(WebhookOutcome.Unauthorized, receipt.Outcome);
        Assert.Contains(GitHubWebhookSignature.HeaderName, receipt.Message, StringComparison.Ordinal);
        Assert.Empty(bed.QueuedWebhookRuns());
        var rejected = Assert.Single(await AuditEventsAsync(bed, AuditActions.WebhookRejected));
        Assert.Contains("signature missing", rejected.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_delivery_id_is_accepted_when_signed()
    {
        // A delivery that failed its signature check is not remembered, so GitHub's redelivery after
        // the secret was fixed gets through.
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);
        var body = WebhookFixtures.IssuesOpened;
        var deliveryId = Guid.NewGuid().ToString();
        await bed.DeliverSignedAsync(bed.ConnectionA, "issues", body, GitHubWebhookSignature.Compute("old", body), deliveryId);

        var redelivered = await bed.DeliverAsync(bed.ConnectionA, "issues", body, deliveryId);

        Assert.Equal(WebhookOutcome.Accepted, redelivered.Outcome);
    }

    [Fact]
    public async Task Rotated_secret_rejects_old_signature()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);
        var oldSecret = bed.Secrets[bed.ConnectionA];
        var body = WebhookFixtures.IssuesOpened;

        var rotated = await bed.GenerateSecretAsync(bed.ConnectionA);
        var withOld = await bed.DeliverSignedAsync(bed.ConnectionA, "issues", body, GitHubWebhookSignature.Compute(oldSecret, body));
        var withNew = await bed.DeliverAsync(bed.ConnectionA, "issues", body);

        Assert.True(rotated.Rotated);
        Assert.NotEqual(oldSecret, rotated.Secret);
        Assert.Equal(WebhookOutcome.Unauthorized, withOld.Outcome);
        Assert.Equal(WebhookOutcome.Accepted, withNew.Outcome);
    }

    [Fact]
    public async Task Disabled_or_unknown_connection_is_not_found()
    {
        await using var bed = await WebhookTestBed.StartAsync(DatabaseProviders.Sqlite, WebhookFixtures.Repository, Support);
        var secret = bed.Secrets[bed.ConnectionA];
        await using (var admin = bed.Host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin))
        {
            await admin.ServiceProvider.GetRequiredService<IWebhookSettingsService>().DisableAsync(bed.ConnectionA, CancellationToken.None);
        }

        var body = WebhookFixtures.IssuesOpened;
        var disabled = await bed.DeliverSignedAsync(bed.ConnectionA, "issues", body, GitHubWebhookSignature.Compute(secret, body));
        var unknown = await bed.DeliverSignedAsync(Guid.NewGuid(), "issues", body, GitHubWebhookSignature.Compute(secret, body));

        Assert.Equal(WebhookOutcome.NotFound, disabled.Outcome);
        Assert.Contains("Enable webhooks", disabled.Message, StringComparison.Ordinal);
        Assert.Equal(WebhookOutcome.NotFound, unknown.Outcome);
        Assert.Empty(bed.QueuedWebhookRuns());
    }

    private static async Task<WebhookStatusDto> StatusOfAsync(WebhookTestBed bed, Guid connectionId)
    {
        await using var admin = bed.Host.ScopeFor(GitHubFlowSetup.AdminId, GitHubFlowSetup.AdminName, Roles.ItAdmin);
        var statuses = await admin.ServiceProvider.GetRequiredService<IWebhookSettingsService>().ListAsync(CancellationToken.None);
        return statuses.Single(s => s.ConnectionId == connectionId);
    }

    private static async Task<List<Domain.Audit.AuditEvent>> AuditEventsAsync(WebhookTestBed bed, string action)
    {
        await using var scope = bed.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == action).ToListAsync();
    }
}
