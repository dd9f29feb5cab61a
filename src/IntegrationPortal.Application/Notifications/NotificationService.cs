using IntegrationPortal.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Notifications;

/// <summary>
/// Reads and marks the current user's notifications. Marking one read is the user's own reading
/// state, not a governance change, so it writes no audit event.
/// </summary>
public sealed class NotificationService(IPortalDbContext db, ICurrentUser user, TimeProvider time) : INotificationService
{
    /// <summary>The most notifications the list page shows.</summary>
    public const int MaxListed = 100;

    public async Task<IReadOnlyList<NotificationDto>> ListMineAsync(CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        return await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == user.UserId)
            .OrderByDescending(n => n.At)
            .Take(MaxListed)
            .Select(n => new NotificationDto(n.Id, n.RequestId, n.Text, n.At, n.ReadAt != null))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CountUnreadAsync(CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        return await db.Notifications.CountAsync(n => n.UserId == user.UserId && n.ReadAt == null, cancellationToken);
    }

    public async Task MarkReadAsync(Guid notificationId, CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == notificationId && n.UserId == user.UserId, cancellationToken)
            ?? throw new NotFoundException("Notification", notificationId);
        notification.MarkRead(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task MarkAllReadAsync(CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var unread = await db.Notifications.Where(n => n.UserId == user.UserId && n.ReadAt == null).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var notification in unread)
        {
            notification.MarkRead(now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
