using Hangfire;
using IntegrationPortal.Infrastructure.Persistence;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IntegrationPortal.Infrastructure.Notifications;

/// <summary>
/// Sends one notification as an e-mail to its user. A failure is logged and rethrown, so Hangfire
/// retries the job; the status change that caused the notification is saved already.
/// </summary>
public sealed partial class NotificationMailJob(PortalDbContext db, IOptions<NotificationOptions> options, ILogger<NotificationMailJob> logger)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task SendAsync(Guid notificationId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Smtp.IsEnabled)
        {
            LogMailOff(logger, notificationId);
            return;
        }

        // The job may start before the transaction that added the row commits; the retry finds it.
        var notification = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == notificationId, cancellationToken)
            ?? throw new InvalidOperationException($"Notification {notificationId} was not found; it is not committed yet or was deleted.");
        var address = await db.Users.AsNoTracking()
            .Where(u => u.Id == notification.UserId)
            .Select(u => u.Email)
            .SingleOrDefaultAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(address))
        {
            LogNoAddress(logger, notificationId, notification.UserId);
            return;
        }

        var message = Compose(settings, notification.Text, notification.RequestId, address);
        try
        {
            await DeliverAsync(settings.Smtp, message, cancellationToken);
            LogSent(logger, notificationId, notification.UserId);
        }
        catch (Exception ex) when (IsDeliveryFailure(ex))
        {
            LogFailed(logger, ex, notificationId, settings.Smtp.Host!, settings.Smtp.Port);
            throw;
        }
    }

    private static bool IsDeliveryFailure(Exception ex) => ex is IOException
        or System.Net.Sockets.SocketException
        or MailKit.ProtocolException
        or MailKit.CommandException
        or MailKit.Security.AuthenticationException
        or MailKit.Security.SslHandshakeException
        or NotSupportedException
        or System.Security.Authentication.AuthenticationException;

    private static MimeMessage Compose(NotificationOptions settings, string text, Guid requestId, string address)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.Smtp.From!));
        message.To.Add(MailboxAddress.Parse(address));
        message.Subject = "Integration request update";
        var link = string.IsNullOrWhiteSpace(settings.PortalUrl)
            ? string.Empty
            : $"\n\nOpen the request: {settings.PortalUrl.TrimEnd('/')}/requests/{requestId}";
        message.Body = new TextPart("plain") { Text = text + link };
        return message;
    }

    private static async Task DeliverAsync(SmtpOptions smtp, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the e-mail of notification {NotificationId} to user {UserId}")]
    private static partial void LogSent(ILogger logger, Guid notificationId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped the e-mail of notification {NotificationId}: user {UserId} has no e-mail address")]
    private static partial void LogNoAddress(ILogger logger, Guid notificationId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped the e-mail of notification {NotificationId}: Notifications:Smtp:Host is empty")]
    private static partial void LogMailOff(ILogger logger, Guid notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the e-mail of notification {NotificationId} through {SmtpHost}:{SmtpPort} failed; Hangfire retries it")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid notificationId, string smtpHost, int smtpPort);
}
