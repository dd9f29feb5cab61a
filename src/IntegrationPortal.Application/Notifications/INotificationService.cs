namespace IntegrationPortal.Application.Notifications;

/// <summary>The signed-in user's in-app notifications: the bell's count and the list page.</summary>
public interface INotificationService
{
    /// <summary>Lists the user's latest notifications, newest first.</summary>
    Task<IReadOnlyList<NotificationDto>> ListMineAsync(CancellationToken cancellationToken);

    Task<int> CountUnreadAsync(CancellationToken cancellationToken);

    Task MarkReadAsync(Guid notificationId, CancellationToken cancellationToken);

    Task MarkAllReadAsync(CancellationToken cancellationToken);
}

public sealed record NotificationDto(Guid Id, Guid RequestId, string Text, DateTimeOffset At, bool IsRead);
