using IntegrationPortal.Domain.Notifications;

namespace IntegrationPortal.Domain.Tests.Notifications;

public sealed class NotificationTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void New_IsUnread()
    {
        var notification = new Notification(Guid.NewGuid(), "user-1", Guid.NewGuid(), "Your request is now approved.", At);

        Assert.False(notification.IsRead);
        Assert.Null(notification.ReadAt);
    }

    [Fact]
    public void MarkRead_KeepsFirstTime()
    {
        var notification = new Notification(Guid.NewGuid(), "user-1", Guid.NewGuid(), "Your request is now approved.", At);

        notification.MarkRead(At.AddMinutes(5));
        notification.MarkRead(At.AddMinutes(9));

        Assert.True(notification.IsRead);
        Assert.Equal(At.AddMinutes(5), notification.ReadAt);
    }

    [Fact]
    public void LongText_IsCutAtMaxLength()
    {
        var notification = new Notification(Guid.NewGuid(), "user-1", Guid.NewGuid(), new string('x', Notification.MaxTextLength + 1), At);

        Assert.Equal(Notification.MaxTextLength, notification.Text.Length);
    }
}
