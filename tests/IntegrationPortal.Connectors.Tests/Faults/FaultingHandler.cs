using System.Net;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Sync.Tests.Fakes;

namespace IntegrationPortal.Connectors.Tests.Faults;

/// <summary>Where a request fails: before the emulator applies it, or after, when its response is lost.</summary>
public enum RequestFault
{
    /// <summary>The emulator responds with HTTP 503 without applying the request (its InjectFaults).</summary>
    ServerErrorBefore,

    /// <summary>The worker dies before the request is sent.</summary>
    CrashBefore,

    /// <summary>The emulator applies the request, then the worker dies before reading the response.</summary>
    CrashAfter,

    /// <summary>The emulator applies the request, then the response never arrives.</summary>
    TimeoutAfter,

    /// <summary>The emulator applies the request, then a proxy responds with HTTP 502 in its place.</summary>
    BadGatewayAfter,
}

/// <summary>
/// Counts the requests of the engine's connectors and fails the one numbered <see cref="FailAt"/>
/// with <see cref="Fault"/>. Retries are not configured on this client, so every fault reaches the engine.
/// </summary>
public sealed class FaultingHandler(GitHubEmulator emulator) : DelegatingHandler(new SocketsHttpHandler())
{
    public int Requests { get; private set; }

    public int? FailAt { get; set; }

    public RequestFault Fault { get; set; }

    public bool Fired { get; private set; }

    /// <summary>Starts counting again for the next run.</summary>
    public void Arm(int? failAt, RequestFault fault)
    {
        Requests = 0;
        FailAt = failAt;
        Fault = fault;
        Fired = false;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        if (Requests != FailAt)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        Fired = true;
        var point = $"request {Requests} ({request.Method} {request.RequestUri?.AbsolutePath})";
        switch (Fault)
        {
            case RequestFault.CrashBefore:
                throw new SimulatedCrashException($"before {point}");
            case RequestFault.ServerErrorBefore:
                emulator.InjectFaults(1, 503);
                return await base.SendAsync(request, cancellationToken);
        }

        using (await base.SendAsync(request, cancellationToken))
        {
            // The emulator has applied the request; its response is dropped.
        }

        return Fault switch
        {
            RequestFault.CrashAfter => throw new SimulatedCrashException($"after {point}"),
            RequestFault.TimeoutAfter => throw new TaskCanceledException($"Simulated timeout after {point}."),
            _ => new HttpResponseMessage(HttpStatusCode.BadGateway)
            {
                RequestMessage = request,
                Content = new StringContent("Bad Gateway"),
            },
        };
    }
}
