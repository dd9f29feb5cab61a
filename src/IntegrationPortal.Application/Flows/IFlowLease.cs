namespace IntegrationPortal.Application.Flows;

/// <summary>
/// A lease row in the database that lets one worker at a time run a flow, across every process
/// that shares the database. A lease that is not released expires, so a killed worker blocks
/// the flow only until then.
/// </summary>
public interface IFlowLease
{
    Task<bool> TryAcquireAsync(Guid flowId, string holder, TimeSpan duration, CancellationToken cancellationToken);

    Task ReleaseAsync(Guid flowId, string holder, CancellationToken cancellationToken);
}
