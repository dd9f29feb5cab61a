using System.Security.Claims;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Web.Tests.Hosting;

public sealed class PerCallScopeTests
{
    [Fact]
    public async Task Concurrent_calls_get_separate_scopes()
    {
        await using var circuit = BuildCircuitScope("rita@example.com");
        var service = circuit.ServiceProvider.GetRequiredService<IProbeService>();

        var results = await Task.WhenAll(service.ProbeAsync(), service.ProbeAsync());

        Assert.NotEqual(results[0].InstanceId, results[1].InstanceId);
    }

    [Fact]
    public async Task Call_runs_as_circuit_user()
    {
        await using var circuit = BuildCircuitScope("rita@example.com");

        var result = await circuit.ServiceProvider.GetRequiredService<IProbeService>().ProbeAsync();

        Assert.Equal("rita@example.com", result.UserName);
    }

    [Fact]
    public async Task Service_exception_surfaces_unwrapped()
    {
        await using var circuit = BuildCircuitScope("rita@example.com");
        var service = circuit.ServiceProvider.GetRequiredService<IProbeService>();

        var error = await Assert.ThrowsAsync<ForbiddenAccessException>(service.FailAsync);

        Assert.Equal("not allowed", error.Message);
    }

    [Fact]
    public async Task Call_without_result_completes()
    {
        await using var circuit = BuildCircuitScope("rita@example.com");

        await circuit.ServiceProvider.GetRequiredService<IProbeService>().TouchAsync();
    }

    private static AsyncServiceScope BuildCircuitScope(string userName)
    {
        var services = new ServiceCollection();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<IProbeService, ProbeService>();
        services.AddPerCallScopes(typeof(IProbeService));

        var circuit = services.BuildServiceProvider(validateScopes: true).CreateAsyncScope();
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u-1"), new Claim(ClaimTypes.Name, userName)], "test");
        circuit.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(identity));
        return circuit;
    }
}

public interface IProbeService
{
    Task<ProbeResult> ProbeAsync();

    Task TouchAsync();

    Task FailAsync();
}

public sealed record ProbeResult(Guid InstanceId, string UserName);

/// <summary>
/// Rejects overlapping calls on one instance, as EF Core rejects overlapping operations on one
/// DbContext, so a shared instance would fail the concurrency test.
/// </summary>
internal sealed class ProbeService(ICurrentUser user) : IProbeService
{
    private readonly Guid _instanceId = Guid.NewGuid();
    private int _busy;

    public async Task<ProbeResult> ProbeAsync()
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new InvalidOperationException("A second operation started on this instance before the first completed.");
        }

        await Task.Delay(50);
        Volatile.Write(ref _busy, 0);
        return new ProbeResult(_instanceId, user.UserName);
    }

    public Task TouchAsync() => Task.Delay(1);

    public async Task FailAsync()
    {
        await Task.Yield();
        throw new ForbiddenAccessException("not allowed");
    }
}
