using IntegrationPortal.Application.Audit;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Audit.Forwarding;

/// <summary>
/// Moves one batch of audit events to a collector. The stored position advances only after the
/// sink acknowledged the batch, and only while this process holds the lease, so a restart
/// resends nothing that was confirmed and skips nothing that was not. A crash between the
/// acknowledgement and the saved position resends that one batch (at-least-once delivery); the
/// event ids let the collector drop the repeat.
/// </summary>
public sealed class AuditForwarder(IServiceScopeFactory scopes, IAuditEventSink sink, AuditForwardingOptions options, TimeProvider time)
{
    /// <summary>
    /// Events younger than this are left for the next poll. Ids are assigned when a transaction
    /// inserts, not when it commits, so a young event with a lower id may still be on its way.
    /// </summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(5);

    /// <summary>Identifies this process as the lease holder.</summary>
    public string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Sends the next batch; returns the number of events delivered, 0 when none was due or another process holds the lease.</summary>
    public async Task<int> ForwardNextBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await EnsurePositionAsync(db, cancellationToken);
        if (!await TryTakeLeaseAsync(db, cancellationToken))
        {
            return 0;
        }

        var position = await db.AuditForwarderPositions.AsNoTracking().SingleAsync(p => p.Sink == sink.Name, cancellationToken);
        var settled = time.GetUtcNow() - SettleDelay;
        var batch = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Id > position.LastEventId && e.At <= settled)
            .OrderBy(e => e.Id)
            .Take(options.BatchSize)
            .Select(e => new AuditEventDto(e.Id, e.At, e.ActorName, e.Action, e.TargetType, e.TargetId, e.Details))
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        await sink.SendAsync(batch, cancellationToken);

        var lastId = batch[^1].Id;
        var now = time.GetUtcNow();
        var saved = await db.AuditForwarderPositions
            .Where(p => p.Sink == sink.Name && p.LeaseHolder == Holder && p.LastEventId == position.LastEventId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastEventId, lastId).SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (saved == 0)
        {
            throw new InvalidOperationException(
                $"The audit forwarding lease for {sink.Name} was lost while sending events up to {lastId}; another process continues from the stored position.");
        }

        return batch.Count;
    }

    /// <summary>Frees the lease so another process can take over at once, such as at shutdown.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.AuditForwarderPositions
            .Where(p => p.Sink == sink.Name && p.LeaseHolder == Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeaseHolder, (string?)null).SetProperty(p => p.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    private async Task EnsurePositionAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (await db.AuditForwarderPositions.AnyAsync(p => p.Sink == sink.Name, cancellationToken))
        {
            return;
        }

        db.AuditForwarderPositions.Add(new AuditForwarderPosition(sink.Name, 0, time.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another process inserted the row first; its row is the one to use.
            db.ChangeTracker.Clear();
        }
    }

    private async Task<bool> TryTakeLeaseAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = now + TimeSpan.FromSeconds(options.LeaseSeconds);
        var taken = await db.AuditForwarderPositions
            .Where(p => p.Sink == sink.Name && (p.LeaseHolder == null || p.LeaseHolder == Holder || p.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeaseHolder, Holder).SetProperty(p => p.LeaseExpiresAt, expires), cancellationToken);
        return taken == 1;
    }
}
