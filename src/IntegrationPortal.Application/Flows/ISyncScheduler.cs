namespace IntegrationPortal.Application.Flows;

/// <summary>Schedules flow runs on the job system; every run goes through <see cref="FlowRunner"/>.</summary>
public interface ISyncScheduler
{
    /// <summary>Runs the flow every <paramref name="minutes"/> minutes until <see cref="Unschedule"/>.</summary>
    void Schedule(Guid flowId, int minutes);

    void Unschedule(Guid flowId);

    /// <summary>Queues one run now.</summary>
    void Enqueue(Guid flowId);
}
