using System.Net.Http.Headers;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Audit.Export;
using System.Text.Json;

namespace IntegrationPortal.Infrastructure.Audit.Forwarding;

/// <summary>
/// POSTs each batch as {"events":[…]} with the same event shape as the JSON export. Any 2xx
/// status acknowledges the batch; anything else, or no response, makes the forwarder retry it.
/// Each event carries its id, so a collector can drop the repeat that follows a crash between
/// its acknowledgement and the saved position.
/// </summary>
public sealed class HttpAuditSink(HttpClient http, Uri url) : IAuditEventSink
{
    public string Name => "http";

    public async Task SendAsync(IReadOnlyList<AuditEventDto> batch, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (var auditEvent in batch)
            {
                AuditExportWriter.WriteEvent(json, auditEvent);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(url, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"The audit collector at {url.GetLeftPart(UriPartial.Path)} returned {(int)response.StatusCode} {response.ReasonPhrase}.",
                null,
                response.StatusCode);
        }
    }
}
