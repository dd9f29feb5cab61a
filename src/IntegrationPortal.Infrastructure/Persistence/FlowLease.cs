using IntegrationPortal.Application.Flows;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Infrastructure.Persistence;

/// <summary>
/// Takes the lease with one conditional UPDATE, so two workers racing for a flow cannot both see
/// it free: the database applies one update and the other matches no row.
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

    public async Task ReleaseAsync(Guid flowId, string holder, CancellationToken cancellationToken)
    {
        await db.Flows
            .Where(f => f.Id == flowId && f.LeaseHolder == holder)
            .ExecuteUpdateAsync(
                s => s.SetProperty(f => f.LeaseHolder, (string?)null).SetProperty(f => f.LeaseExpiresAt, (DateTimeOffset?)null),
                cancellationToken);
    }
}
