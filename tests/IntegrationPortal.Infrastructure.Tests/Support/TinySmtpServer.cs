using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IntegrationPortal.Infrastructure.Tests.Support;

/// <summary>
/// A plain SMTP server on 127.0.0.1 and a free port, for one client at a time. It accepts every
/// sender and recipient, keeps each message and never relays anything.
/// </summary>
public sealed class TinySmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TinySmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public List<ReceivedMail> Received { get; } = [];

    /// <summary>The user name and password of each AUTH PLAIN sign-in, in order.</summary>
    public List<(string UserName, string Password)> SignIns { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopping the listener ends the accept loop.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            using (client)
            {
                await ServeAsync(client.GetStream());
            }
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 127.0.0.1 test SMTP server");
        string? from = null;
        var recipients = new List<string>();
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-127.0.0.1");
                    await writer.WriteLineAsync("250 AUTH PLAIN");
                    break;
                case "HELO":
                    await writer.WriteLineAsync("250 127.0.0.1");
                    break;
                case "AUTH":
                    SignIns.Add(await ReadPlainSignInAsync(line, reader, writer));
                    await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                    break;
                case "MAIL":
                    from = Address(line);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    recipients.Add(Address(line));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    Received.Add(new ReceivedMail(from ?? string.Empty, [.. recipients], await ReadDataAsync(reader)));
                    recipients.Clear();
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }

    private async Task<string> ReadDataAsync(StreamReader reader)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(_stop.Token) is { } line && line != ".")
        {
            data.AppendLine(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line);
        }

        return data.ToString();
    }

    // AUTH PLAIN carries "authorization id NUL user name NUL password" in base64, on the command
    // line itself or on the next line after a 334 prompt.
    private async Task<(string, string)> ReadPlainSignInAsync(string line, StreamReader reader, StreamWriter writer)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var encoded = parts.Length > 2 ? parts[2] : null;
        if (encoded is null)
        {
            await writer.WriteLineAsync("334 ");
            encoded = await reader.ReadLineAsync(_stop.Token) ?? string.Empty;
        }

        var fields = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Split('\0');
        return fields.Length == 3 ? (fields[1], fields[2]) : (string.Empty, string.Empty);
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : string.Empty;
    }
}

/// <summary>One message as the server received it; <see cref="Data"/> is the raw MIME text.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> Recipients, string Data);
