using Hangfire;
using IntegrationPortal.Application.Flows;

namespace IntegrationPortal.Infrastructure.Jobs;

public sealed class HangfireSyncScheduler(IRecurringJobManager recurring, IBackgroundJobClient jobs, TimeProvider time) : ISyncScheduler
{
    public const string ScheduleTrigger = "schedule";
    public const string ManualTrigger = "manual";
    public const string FollowUpTrigger = "follow-up";
    public const string WebhookTrigger = "webhook";

    public void Schedule(Guid flowId, int minutes) =>
        recurring.AddOrUpdate<FlowSyncJob>(RecurringId(flowId), job => job.RunAsync(flowId, ScheduleTrigger, CancellationToken.None), CronFor(minutes));

    public void Unschedule(Guid flowId) => recurring.RemoveIfExists(RecurringId(flowId));

    public void Enqueue(Guid flowId) => jobs.Enqueue<FlowSyncJob>(job => job.RunAsync(flowId, ManualTrigger, CancellationToken.None));

    public void EnqueueWebhook(Guid flowId) => jobs.Enqueue<FlowSyncJob>(job => job.RunAsync(flowId, WebhookTrigger, CancellationToken.None));

    public void EnqueueFollowUp(Guid flowId, DateTimeOffset at)
    {
        if (at <= time.GetUtcNow())
        {
            jobs.Enqueue<FlowSyncJob>(job => job.RunAsync(flowId, FollowUpTrigger, CancellationToken.None));
            return;
        }

        jobs.Schedule<FlowSyncJob>(job => job.RunAsync(flowId, FollowUpTrigger, CancellationToken.None), at);
    }

    /// <summary>
    /// Turns an interval into a cron expression. Intervals under an hour run on minutes divisible
    /// by the interval (every 7 minutes restarts at the full hour); longer ones round to whole hours.
    /// </summary>
    public static string CronFor(int minutes) => minutes switch
    {
        <= 1 => "* * * * *",
        < 60 => $"*/{minutes} * * * *",
        < 1440 => $"0 */{Math.Max(1, (int)Math.Round(minutes / 60.0))} * * *",
        _ => "0 0 * * *",
    };

    private static string RecurringId(Guid flowId) => $"flow-{flowId:N}";
}
