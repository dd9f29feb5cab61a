namespace IntegrationPortal.Application.Flows;

/// <summary>
/// A lease row in the database that lets one worker at a time run a flow, across every process
/// that shares the database. A lease that is not released expires, so a killed worker blocks
/// the flow only until then. Triggers that find the lease held record a follow-up request on the
/// flow, which the holder reads when it releases the lease.
/// </summary>
public interface IFlowLease
{
    Task<bool> TryAcquireAsync(Guid flowId, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease to <paramref name="duration"/> from now. Returns false when
    /// <paramref name="holder"/> is no longer the holder, because it expired and another worker took it.
    /// </summary>
    Task<bool> RenewAsync(Guid flowId, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a trigger arrived while a run holds the lease. Returns false when no unexpired
    /// lease is held, so the caller should try to take the lease itself.
    /// </summary>
    Task<bool> RequestFollowUpAsync(Guid flowId, CancellationToken cancellationToken);

    /// <summary>
    /// Releases the lease and clears the follow-up request in one step. Returns true when a
    /// follow-up was requested while <paramref name="holder"/> held the lease, so the caller queues
    /// exactly one follow-up run. Returns false when none was requested or the holder had lost the lease.
    /// </summary>
    Task<bool> ReleaseAsync(Guid flowId, string holder, CancellationToken cancellationToken);
}
