namespace IntegrationPortal.Application.Flows.Runs;

/// <summary>
/// A run's lease expired or passed to another worker while the run worked. The run stops at an
/// item boundary: items done so far are saved, and cursors are not, so the next run reads them again.
/// </summary>
public sealed class FlowLeaseLostException(Guid flowId)
    : Exception($"The run of flow {flowId} lost its lease (it expired or another worker took it), so it stopped before saving cursors. The next run reads the same changes again.")
{
    public Guid FlowId { get; } = flowId;
}
