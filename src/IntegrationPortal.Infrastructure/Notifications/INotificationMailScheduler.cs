namespace IntegrationPortal.Infrastructure.Notifications;

/// <summary>Hands a saved notification to the background e-mail delivery.</summary>
public interface INotificationMailScheduler
{
    void Enqueue(Guid notificationId);
}

/// <summary>
/// Queues a Hangfire job per e-mail, so sending runs off the request path, in any worker process,
/// and is retried when the SMTP server fails. Hangfire runs each job at least once.
/// </summary>
internal sealed class HangfireNotificationMailScheduler(Hangfire.IBackgroundJobClient jobs) : INotificationMailScheduler
{
    public void Enqueue(Guid notificationId) =>
        Hangfire.BackgroundJobClientExtensions.Enqueue<NotificationMailJob>(jobs, job => job.SendAsync(notificationId, CancellationToken.None));
}
