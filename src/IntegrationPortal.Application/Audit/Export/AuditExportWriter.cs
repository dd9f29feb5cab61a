using System.Buffers;
using System.Text;
using System.Text.Json;

namespace IntegrationPortal.Application.Audit.Export;

/// <summary>
/// Writes a stream of events as CSV or as a JSON array while they are read, flushing every few
/// hundred rows, so memory stays flat and the browser receives the file as it grows.
/// </summary>
public static class AuditExportWriter
{
    private const int FlushEvery = 500;

    public static async Task WriteCsvAsync(IAsyncEnumerable<AuditEventDto> events, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(AuditCsv.Header);
        var count = 0;
        await foreach (var auditEvent in events.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(AuditCsv.Row(auditEvent));
            if (++count % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Writes a JSON array with one event per line, so a reader can count lines for progress.</summary>
    public static async Task WriteJsonAsync(IAsyncEnumerable<AuditEventDto> events, Stream output, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        await using var json = new Utf8JsonWriter(buffer);
        await output.WriteAsync("[\n"u8.ToArray(), cancellationToken);
        var count = 0;
        await foreach (var auditEvent in events.WithCancellation(cancellationToken))
        {
            if (count > 0)
            {
                buffer.Write(",\n"u8);
            }

            json.Reset(buffer);
            WriteEvent(json, auditEvent);
            await json.FlushAsync(cancellationToken);
            if (++count % FlushEvery == 0)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        buffer.Write("\n]\n"u8);
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Writes one event; details that are valid JSON are embedded as JSON, others as a string.</summary>
    public static void WriteEvent(Utf8JsonWriter json, AuditEventDto auditEvent)
    {
        json.WriteStartObject();
        json.WriteNumber("id", auditEvent.Id);
        json.WriteString("at", auditEvent.At.ToUniversalTime());
        json.WriteString("actor", auditEvent.ActorName);
        json.WriteString("action", auditEvent.Action);
        json.WriteString("targetType", auditEvent.TargetType);
        json.WriteString("targetId", auditEvent.TargetId);
        json.WritePropertyName("details");
        try
        {
            using var details = JsonDocument.Parse(auditEvent.Details);
            details.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(auditEvent.Details);
        }

        json.WriteEndObject();
    }
}
