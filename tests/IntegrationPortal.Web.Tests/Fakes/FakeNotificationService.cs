using IntegrationPortal.Application.Notifications;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeNotificationService : INotificationService
{
    public List<NotificationDto> Notifications { get; } = [];

    public Task<IReadOnlyList<NotificationDto>> ListMineAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NotificationDto>>([.. Notifications]);

    public Task<int> CountUnreadAsync(CancellationToken cancellationToken) => Task.FromResult(Notifications.Count(n => !n.IsRead));

    public Task MarkReadAsync(Guid notificationId, CancellationToken cancellationToken)
    {
        var index = Notifications.FindIndex(n => n.Id == notificationId);
        Notifications[index] = Notifications[index] with { IsRead = true };
        return Task.CompletedTask;
    }

    public Task MarkAllReadAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < Notifications.Count; i++)
        {
            Notifications[i] = Notifications[i] with { IsRead = true };
        }

        return Task.CompletedTask;
    }
}
