using MailKit.Security;

namespace IntegrationPortal.Infrastructure.Notifications;

/// <summary>The "Notifications" settings: where e-mails about requests go out, and the link they carry.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>The portal's public address, such as https://portal.example.com; e-mails link to the request when it is set.</summary>
    public string? PortalUrl { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>
/// The SMTP server for notification e-mails. E-mail is off while <see cref="Host"/> is empty. The
/// type has no ToString of its own on purpose, so the password cannot reach a log by formatting.
/// </summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>The sender address, such as portal@example.com; required when <see cref="Host"/> is set.</summary>
    public string? From { get; set; }

    /// <summary>The account to sign in with; no sign-in when empty.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// How the connection is secured: Auto (TLS on port 465, STARTTLS when the server offers it),
    /// None, SslOnConnect, StartTls or StartTlsWhenAvailable, as MailKit names them.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Checks the settings at start, so a wrong one stops the portal with the setting's name instead of failing every e-mail.</summary>
    public void Validate()
    {
        if (!IsEnabled)
        {
            return;
        }

        var prefix = $"{NotificationOptions.SectionName}:Smtp";
        if (Port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{prefix}:Port is {Port}; set a TCP port from 1 to 65535, such as 587.");
        }

        if (string.IsNullOrWhiteSpace(From) || !MimeKit.MailboxAddress.TryParse(From, out _))
        {
            throw new InvalidOperationException(
                $"{prefix}:From is missing or not an e-mail address; set the sender address, such as portal@example.com, or clear {prefix}:Host to turn e-mail off.");
        }
    }
}
