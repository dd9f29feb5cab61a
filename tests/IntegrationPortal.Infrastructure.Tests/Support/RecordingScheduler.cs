using IntegrationPortal.Application.Flows;

namespace IntegrationPortal.Infrastructure.Tests.Support;

/// <summary>Records what the portal asked the job system to do, in order, instead of doing it.</summary>
internal sealed class RecordingScheduler : ISyncScheduler
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Schedule(Guid flowId, int minutes) => Add($"schedule {flowId} every {minutes}");

    public void Unschedule(Guid flowId) => Add($"unschedule {flowId}");

    public void Enqueue(Guid flowId) => Add($"enqueue {flowId}");

    public void EnqueueWebhook(Guid flowId) => Add($"webhook {flowId}");

    public void EnqueueFollowUp(Guid flowId, DateTimeOffset at) => Add($"follow-up {flowId}");

    private void Add(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }
}
