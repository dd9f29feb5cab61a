using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IntegrationPortal.Infrastructure.Audit.Forwarding;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationPortal.Infrastructure.Tests.Audit;

/// <summary>The forwarder against collectors started here on 127.0.0.1.</summary>
public sealed class AuditForwarderTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Http_forwarding_resumes_after_restart_without_repeats()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using var collector = await HttpCollector.StartAsync();
        var clock = new FakeTimeProvider(Start.AddDays(1));
        var options = new AuditForwardingOptions { Enabled = true, BatchSize = 2 };
        await AuditQueriesTests.SeedAsync(host, [.. Enumerable.Range(0, 3).Select(i => AuditQueriesTests.Event(i, "ivan", "flow.paused", "flow", "f1"))]);
        using var http = new HttpClient();

        var first = new AuditForwarder(host.Services.GetRequiredService<IServiceScopeFactory>(), new HttpAuditSink(http, collector.Url), options, clock);
        Assert.Equal(2, await first.ForwardNextBatchAsync(CancellationToken.None));
        await first.ReleaseAsync(CancellationToken.None);

        // A new process: it starts from the saved position and reads events added meanwhile.
        await AuditQueriesTests.SeedAsync(host, AuditQueriesTests.Event(5, "rita", "flow.resumed", "flow", "f1"));
        var second = new AuditForwarder(host.Services.GetRequiredService<IServiceScopeFactory>(), new HttpAuditSink(http, collector.Url), options, clock);
        Assert.Equal(2, await second.ForwardNextBatchAsync(CancellationToken.None));
        Assert.Equal(0, await second.ForwardNextBatchAsync(CancellationToken.None));

        Assert.Equal([1, 2, 3, 4], collector.ReceivedIds);
        Assert.Equal(2, collector.Batches);
    }

    [Fact]
    public async Task Http_failure_keeps_position_for_retry()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using var collector = await HttpCollector.StartAsync();
        collector.FailNext = 1;
        var clock = new FakeTimeProvider(Start.AddDays(1));
        await AuditQueriesTests.SeedAsync(host, AuditQueriesTests.Event(0, "ivan", "flow.paused", "flow", "f1"));
        using var http = new HttpClient();
        var forwarder = new AuditForwarder(
            host.Services.GetRequiredService<IServiceScopeFactory>(), new HttpAuditSink(http, collector.Url), new AuditForwardingOptions(), clock);

        await Assert.ThrowsAsync<HttpRequestException>(() => forwarder.ForwardNextBatchAsync(CancellationToken.None));
        var retried = await forwarder.ForwardNextBatchAsync(CancellationToken.None);

        Assert.Equal(1, retried);
        Assert.Equal([1], collector.ReceivedIds);
        await using var scope = host.Services.CreateAsyncScope();
        Assert.Equal(1, scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditForwarderPositions.Single().LastEventId);
    }

    [Fact]
    public async Task Events_younger_than_settle_delay_wait()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using var collector = await HttpCollector.StartAsync();
        var clock = new FakeTimeProvider(Start.AddSeconds(2));
        await AuditQueriesTests.SeedAsync(host, AuditQueriesTests.Event(0, "ivan", "flow.paused", "flow", "f1"));
        using var http = new HttpClient();
        var forwarder = new AuditForwarder(
            host.Services.GetRequiredService<IServiceScopeFactory>(), new HttpAuditSink(http, collector.Url), new AuditForwardingOptions(), clock);

        var early = await forwarder.ForwardNextBatchAsync(CancellationToken.None);
        clock.Advance(AuditForwarder.SettleDelay);
        var later = await forwarder.ForwardNextBatchAsync(CancellationToken.None);

        Assert.Equal(0, early);
        Assert.Equal(1, later);
    }

    [Fact]
    public async Task Second_process_waits_for_the_lease()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using var collector = await HttpCollector.StartAsync();
        var clock = new FakeTimeProvider(Start.AddDays(1));
        var options = new AuditForwardingOptions { BatchSize = 1 };
        await AuditQueriesTests.SeedAsync(host, [.. Enumerable.Range(0, 2).Select(i => AuditQueriesTests.Event(i, "ivan", "flow.paused", "flow", "f1"))]);
        using var http = new HttpClient();
        var scopes = host.Services.GetRequiredService<IServiceScopeFactory>();
        var first = new AuditForwarder(scopes, new HttpAuditSink(http, collector.Url), options, clock);
        var second = new AuditForwarder(scopes, new HttpAuditSink(http, collector.Url), options, clock);

        Assert.Equal(1, await first.ForwardNextBatchAsync(CancellationToken.None));
        Assert.Equal(0, await second.ForwardNextBatchAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(options.LeaseSeconds + 1));
        Assert.Equal(1, await second.ForwardNextBatchAsync(CancellationToken.None));

        Assert.Equal([1, 2], collector.ReceivedIds);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task Syslog_sends_rfc5424_messages(string protocol)
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var clock = new FakeTimeProvider(Start.AddDays(1));
        await AuditQueriesTests.SeedAsync(
            host,
            AuditQueriesTests.Event(0, "ivan", "request.approved", "request", "r1", "{\"useCase\":\"Mirror\"}"),
            AuditQueriesTests.Event(1, "rita", "flow.created", "flow", "f1"));
        using var listener = new SyslogListener(protocol);
        var sink = new SyslogAuditSink("127.0.0.1", listener.Port, protocol);
        var forwarder = new AuditForwarder(host.Services.GetRequiredService<IServiceScopeFactory>(), sink, new AuditForwardingOptions(), clock);

        var receiving = listener.ReceiveAsync(2);
        Assert.Equal(2, await forwarder.ForwardNextBatchAsync(CancellationToken.None));
        var messages = await receiving.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("<110>1 2026-03-01T09:00:00.000000Z ", messages[0], StringComparison.Ordinal);
        Assert.Contains(" IntegrationPortal ", messages[0], StringComparison.Ordinal);
        Assert.Contains(" request.approved - \uFEFF{", messages[0], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(messages[0][(messages[0].IndexOf('\uFEFF', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("Mirror", json.RootElement.GetProperty("details").GetProperty("useCase").GetString());
        Assert.Contains(" flow.created - ", messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_doubles_up_to_maximum()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), AuditForwardingService.Backoff(1, 300));
        Assert.Equal(TimeSpan.FromSeconds(8), AuditForwardingService.Backoff(4, 300));
        Assert.Equal(TimeSpan.FromSeconds(300), AuditForwardingService.Backoff(40, 300));
    }

    [Fact]
    public void Options_name_the_invalid_key()
    {
        var errors = new AuditForwardingOptions { Enabled = true, Sink = "syslog", SyslogPort = 0, SyslogProtocol = "tls" }.Validate();

        Assert.Contains(errors, e => e.StartsWith("AuditForwarding:SyslogHost", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AuditForwarding:SyslogPort", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AuditForwarding:SyslogProtocol", StringComparison.Ordinal));
        Assert.Empty(new AuditForwardingOptions().Validate());
    }

    /// <summary>An HTTP collector on 127.0.0.1 that records the event ids it accepted.</summary>
    private sealed class HttpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private HttpCollector(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        public List<long> ReceivedIds { get; } = [];

        public int Batches { get; private set; }

        public int FailNext { get; set; }

        public static async Task<HttpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            HttpCollector? collector = null;
            app.MapPost("/ingest", async (HttpContext context) =>
            {
                if (collector!.FailNext > 0)
                {
                    collector.FailNext--;
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                using var body = await JsonDocument.ParseAsync(context.Request.Body);
                lock (collector.ReceivedIds)
                {
                    collector.ReceivedIds.AddRange(body.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
                    collector.Batches++;
                }

                return Results.Ok();
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            collector = new HttpCollector(app, new Uri(new Uri(address), "/ingest"));
            return collector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    /// <summary>A syslog receiver on 127.0.0.1: octet-counted frames over TCP, or one datagram per message over UDP.</summary>
    private sealed class SyslogListener : IDisposable
    {
        private readonly TcpListener? _tcp;
        private readonly UdpClient? _udp;

        public SyslogListener(string protocol)
        {
            if (protocol == "tcp")
            {
                _tcp = new TcpListener(IPAddress.Loopback, 0);
                _tcp.Start();
                Port = ((IPEndPoint)_tcp.LocalEndpoint).Port;
            }
            else
            {
                _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                Port = ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;
            }
        }

        public int Port { get; }

        public async Task<List<string>> ReceiveAsync(int count)
        {
            var messages = new List<string>();
            if (_udp is not null)
            {
                while (messages.Count < count)
                {
                    messages.Add(Encoding.UTF8.GetString((await _udp.ReceiveAsync()).Buffer));
                }

                return messages;
            }

            using var client = await _tcp!.AcceptTcpClientAsync();
            using var memory = new MemoryStream();
            await client.GetStream().CopyToAsync(memory);
            var bytes = memory.ToArray();
            var position = 0;
            while (position < bytes.Length)
            {
                var space = Array.IndexOf(bytes, (byte)' ', position);
                var length = int.Parse(Encoding.ASCII.GetString(bytes, position, space - position), System.Globalization.CultureInfo.InvariantCulture);
                messages.Add(Encoding.UTF8.GetString(bytes, space + 1, length));
                position = space + 1 + length;
            }

            return messages;
        }

        public void Dispose()
        {
            _tcp?.Stop();
            _tcp?.Dispose();
            _udp?.Dispose();
        }
    }
}
