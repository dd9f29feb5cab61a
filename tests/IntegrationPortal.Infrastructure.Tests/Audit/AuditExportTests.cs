using System.Text;
using System.Text.Json;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Audit.Export;

namespace IntegrationPortal.Infrastructure.Tests.Audit;

public sealed class AuditExportTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\r\nlf", "\"cr\r\nlf\"")]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tindent", "'\tindent")]
    [InlineData("=1,2", "\"'=1,2\"")]
    [InlineData("", "")]
    public void Csv_field_escapes_and_neutralizes(string value, string expected)
    {
        Assert.Equal(expected, AuditCsv.Field(value));
    }

    [Fact]
    public async Task Csv_export_writes_header_and_one_record_per_event()
    {
        using var output = new MemoryStream();

        await AuditExportWriter.WriteCsvAsync(
            Events(new AuditEventDto(5, At, "=HYPERLINK(\"x\")", "flow.paused", "flow", "f1", "{\"reason\":\"a, b\"}")),
            output,
            CancellationToken.None);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n");
        Assert.Equal(AuditCsv.Header, lines[0]);
        Assert.Equal("5,2026-03-01T09:30:00.0000000Z,\"'=HYPERLINK(\"\"x\"\")\",flow.paused,flow,f1,\"{\"\"reason\"\":\"\"a, b\"\"}\"", lines[1]);
        Assert.Equal(string.Empty, lines[2]);
    }

    [Fact]
    public async Task Json_export_is_an_array_with_details_as_json()
    {
        using var output = new MemoryStream();

        await AuditExportWriter.WriteJsonAsync(
            Events(
                new AuditEventDto(1, At, "ivan", "request.approved", "request", "r1", "{\"useCase\":\"Mirror\"}"),
                new AuditEventDto(2, At, "ivan", "legacy", "x", "y", "not json")),
            output,
            CancellationToken.None);

        var text = Encoding.UTF8.GetString(output.ToArray());
        using var document = JsonDocument.Parse(text);
        var events = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal("Mirror", events[0].GetProperty("details").GetProperty("useCase").GetString());
        Assert.Equal("not json", events[1].GetProperty("details").GetString());
        Assert.Equal(4, text.Count(c => c == '\n'));
    }

    private static async IAsyncEnumerable<AuditEventDto> Events(params AuditEventDto[] events)
    {
        foreach (var auditEvent in events)
        {
            await Task.Yield();
            yield return auditEvent;
        }
    }
}
