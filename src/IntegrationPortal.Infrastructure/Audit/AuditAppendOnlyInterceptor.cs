using IntegrationPortal.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IntegrationPortal.Infrastructure.Audit;

/// <summary>
/// Rejects any save that would update or delete an audit event or a pruning checkpoint through
/// EF Core's change tracker. Pruning deletes with its own statement, outside the tracker.
/// </summary>
internal sealed class AuditAppendOnlyInterceptor : SaveChangesInterceptor
{
    public static readonly AuditAppendOnlyInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        RejectChanges(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        RejectChanges(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void RejectChanges(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEvent or AuditCheckpoint && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException(
                    $"The audit log is append-only: a {entry.Metadata.ClrType.Name} cannot be {(entry.State == EntityState.Deleted ? "deleted" : "changed")}. " +
                    "Record a new audit event instead.");
            }
        }
    }
}
