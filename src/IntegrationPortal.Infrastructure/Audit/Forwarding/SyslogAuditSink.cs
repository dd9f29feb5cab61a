using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Audit.Export;

namespace IntegrationPortal.Infrastructure.Audit.Forwarding;

/// <summary>
/// Sends each event as one RFC 5424 syslog message whose MSG is the event as JSON. Over TCP the
/// messages use octet-counting framing (RFC 6587), and a batch counts as acknowledged once the
/// connection took every byte. Over UDP each message is one datagram, which nothing confirms.
/// </summary>
public sealed class SyslogAuditSink(string host, int port, string protocol) : IAuditEventSink
{
    /// <summary>Facility 13 ("log audit") at severity 6 ("informational"): 13 × 8 + 6.</summary>
    private const int Priority = 110;

    private const string AppName = "IntegrationPortal";

    public string Name => "syslog";

    public async Task SendAsync(IReadOnlyList<AuditEventDto> batch, CancellationToken cancellationToken)
    {
        if (protocol == "udp")
        {
            using var udp = new UdpClient();
            udp.Connect(host, port);
            foreach (var auditEvent in batch)
            {
                await udp.SendAsync(Format(auditEvent), cancellationToken);
            }

            return;
        }

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port, cancellationToken);
        await using var stream = tcp.GetStream();
        foreach (var auditEvent in batch)
        {
            var message = Format(auditEvent);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{message.Length} "), cancellationToken);
            await stream.WriteAsync(message, cancellationToken);
        }

        await stream.FlushAsync(cancellationToken);
        tcp.Client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Formats one message: PRI VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID, no structured data, then a BOM and the JSON.</summary>
    public static byte[] Format(AuditEventDto auditEvent)
    {
        var header = string.Join(
            ' ',
            $"<{Priority}>1",
            auditEvent.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            HeaderField(Environment.MachineName, 255),
            AppName,
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            HeaderField(auditEvent.Action, 32),
            "-");
        using var body = new MemoryStream();
        body.Write(Encoding.ASCII.GetBytes(header + " "));
        body.Write([0xEF, 0xBB, 0xBF]);
        using (var json = new Utf8JsonWriter(body))
        {
            AuditExportWriter.WriteEvent(json, auditEvent);
        }

        return body.ToArray();
    }

    // Header fields allow printable US-ASCII without spaces, within a maximum length; "-" means none.
    private static string HeaderField(string value, int maxLength)
    {
        var printable = new string([.. value.Where(c => c is > ' ' and <= '~')]);
        return printable.Length == 0 ? "-" : printable[..Math.Min(printable.Length, maxLength)];
    }
}
