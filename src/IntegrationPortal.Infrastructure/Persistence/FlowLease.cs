using IntegrationPortal.Application.Flows;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Infrastructure.Persistence;

/// <summary>
/// Takes, renews and releases the lease with conditional UPDATEs, so two workers racing for a flow
/// cannot both see it free: the database applies one update and the other matches no row.
/// A follow-up request is set only while the lease is held, and the release clears it in the same
/// UPDATE that frees the lease, so no request is lost between the two.
/// </summary>
public sealed class FlowLease(PortalDbContext db, TimeProvider time) : IFlowLease
{
    public async Task<bool> TryAcquireAsync(Guid flowId, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = now + duration;
        var updated = await db.Flows
            .Where(f => f.Id == flowId && (f.LeaseHolder == null || f.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(f => f.LeaseHolder, holder).SetProperty(f => f.LeaseExpiresAt, expires),
                cancellationToken);
        return updated == 1;
    }

    public async Task<bool> RenewAsync(Guid flowId, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + duration;
        var updated = await db.Flows
            .Where(f => f.Id == flowId && f.LeaseHolder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LeaseExpiresAt, expires), cancellationToken);
        return updated == 1;
    }

    public async Task<bool> RequestFollowUpAsync(Guid flowId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var updated = await db.Flows
            .Where(f => f.Id == flowId && f.LeaseHolder != null && f.LeaseExpiresAt >= now)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.FollowUpRequestedAt, f => f.FollowUpRequestedAt ?? now), cancellationToken);
        return updated == 1;
    }

    public async Task<bool> ReleaseAsync(Guid flowId, string holder, CancellationToken cancellationToken)
    {
        // The first UPDATE frees a lease without a request. When it matches nothing, either a
        // request is pending or the holder lost the lease. The second UPDATE distinguishes the two.
        var freed = await db.Flows
            .Where(f => f.Id == flowId && f.LeaseHolder == holder && f.FollowUpRequestedAt == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(f => f.LeaseHolder, (string?)null).SetProperty(f => f.LeaseExpiresAt, (DateTimeOffset?)null),
                cancellationToken);
        if (freed == 1)
        {
            return false;
        }

        var freedWithRequest = await db.Flows
            .Where(f => f.Id == flowId && f.LeaseHolder == holder)
            .ExecuteUpdateAsync(
                s => s.SetProperty(f => f.LeaseHolder, (string?)null)
                    .SetProperty(f => f.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(f => f.FollowUpRequestedAt, (DateTimeOffset?)null),
                cancellationToken);
        return freedWithRequest == 1;
    }
}
