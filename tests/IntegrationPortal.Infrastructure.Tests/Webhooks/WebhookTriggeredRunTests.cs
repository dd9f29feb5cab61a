using IntegrationPortal.Application.Webhooks;
using IntegrationPortal.Infrastructure.Jobs;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Webhooks;

/// <summary>
/// Deliveries through the receiver, then the runs they queued, run as two Hangfire workers would,
/// against the GitHub emulator and each database provider.
/// </summary>
public sealed class WebhookTriggeredRunTests
{
    private const string Engineering = "acme/engineering-hooks";
    private const string IssueTitle = "Spelling error in the README file";

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Two_deliveries_for_new_issue_create_one_counterpart(string provider)
    {
        // The recorded "opened" and "labeled" deliveries both name this issue of Codertocat/Hello-World.
        await using var bed = await WebhookTestBed.StartAsync(
            provider, WebhookFixtures.Repository, Engineering, setup => setup.CreateIssueAsync(WebhookFixtures.Repository, IssueTitle));

        var receipts = await Task.WhenAll(
            bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened),
            bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesLabeled));
        var queued = bed.QueuedWebhookRuns();
        var runs = await Task.WhenAll(queued.Select(_ => bed.RunAsync(HangfireSyncScheduler.WebhookTrigger)));
        var followUps = await RunFollowUpsAsync(bed);

        var titles = await bed.Setup.ListTitlesAsync(Engineering);
        await using var scope = bed.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.All(receipts, receipt => Assert.Equal(WebhookOutcome.Accepted, receipt.Outcome));
        Assert.Equal([bed.FlowId, bed.FlowId], queued);
        Assert.Equal([IssueTitle], titles);
        Assert.Equal(1, await db.ItemLinks.CountAsync());
        Assert.Equal(1, runs.Where(run => run is not null).Sum(run => run!.ItemsCreated) + followUps.Sum(run => run?.ItemsCreated ?? 0));
        Assert.InRange(followUps.Count, 0, 1);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Late_and_repeated_deliveries_change_nothing(string provider)
    {
        await using var bed = await WebhookTestBed.StartAsync(
            provider, WebhookFixtures.Repository, Engineering, setup => setup.CreateIssueAsync(WebhookFixtures.Repository, IssueTitle));
        var openedId = Guid.NewGuid().ToString();
        await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesLabeled);
        await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened, openedId);
        var first = await bed.RunAsync(HangfireSyncScheduler.WebhookTrigger);
        var second = await bed.RunAsync(HangfireSyncScheduler.WebhookTrigger);

        // GitHub redelivers the "opened" delivery, and an older copy of "labeled" arrives last.
        var redelivered = await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesOpened, openedId);
        var late = await bed.DeliverAsync(bed.ConnectionA, "issues", WebhookFixtures.IssuesLabeled);
        var lateRun = await bed.RunAsync(HangfireSyncScheduler.WebhookTrigger);

        var titles = await bed.Setup.ListTitlesAsync(Engineering);
        Assert.Equal(1, first?.ItemsCreated);
        Assert.Equal(0, second?.ItemsCreated);
        Assert.Equal(WebhookOutcome.Duplicate, redelivered.Outcome);
        Assert.Equal(WebhookOutcome.Accepted, late.Outcome);
        Assert.Equal(0, lateRun?.ItemsCreated);
        Assert.Equal(0, lateRun?.ItemsUpdated);
        Assert.Equal([IssueTitle], titles);
        Assert.Equal(3, bed.QueuedWebhookRuns().Count);
    }

    private static async Task<List<Domain.Flows.SyncRun?>> RunFollowUpsAsync(WebhookTestBed bed)
    {
        var monitor = bed.Host.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var count = monitor.EnqueuedJobs("default", 0, 100).Count(job => job.Value.Job.Args[1] as string == HangfireSyncScheduler.FollowUpTrigger);
        var runs = new List<Domain.Flows.SyncRun?>();
        for (var i = 0; i < count; i++)
        {
            runs.Add(await bed.RunAsync(HangfireSyncScheduler.FollowUpTrigger));
        }

        return runs;
    }
}
