namespace IntegrationPortal.Application.Flows;

/// <summary>Schedules flow runs on the job system; every run goes through <see cref="FlowRunner"/>.</summary>
public interface ISyncScheduler
{
    /// <summary>Runs the flow every <paramref name="minutes"/> minutes until <see cref="Unschedule"/>.</summary>
    void Schedule(Guid flowId, int minutes);

    void Unschedule(Guid flowId);

    /// <summary>Queues one run now.</summary>
    void Enqueue(Guid flowId);

    /// <summary>
    /// Queues one run now for a webhook delivery. Like every trigger, it becomes one follow-up run
    /// when it finds the flow running.
    /// </summary>
    void EnqueueWebhook(Guid flowId);

    /// <summary>
    /// Queues one follow-up run at <paramref name="at"/>, or now when it is past: after a run that
    /// coalesced triggers, or after a throttled run at the time the tool allows the next call.
    /// </summary>
    void EnqueueFollowUp(Guid flowId, DateTimeOffset at);
}
