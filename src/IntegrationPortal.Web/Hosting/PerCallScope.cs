using System.Reflection;
using IntegrationPortal.Infrastructure.Identity;

namespace IntegrationPortal.Web.Hosting;

/// <summary>
/// Runs every call of an application service in a DI scope of its own, with the caller's user.
/// A Blazor circuit keeps one scope for as long as the tab is open. Two components of a page load
/// their data at the same time, so a DbContext shared by the circuit would see concurrent
/// operations, which EF Core rejects. One scope per call gives each call its own DbContext and
/// audit log, and the audit events still commit together with the change they describe.
/// </summary>
internal static class PerCallScope
{
    /// <summary>
    /// Replaces the registration of each interface with a proxy that opens a scope per call and
    /// resolves the original implementation there. Every method must return Task or Task&lt;T&gt;.
    /// </summary>
    public static IServiceCollection AddPerCallScopes(this IServiceCollection services, params Type[] serviceTypes)
    {
        foreach (var serviceType in serviceTypes)
        {
            var descriptor = services.Last(d => d.ServiceType == serviceType);
            var implementationType = descriptor.ImplementationType
                ?? throw new InvalidOperationException($"{serviceType.Name} must be registered with an implementation type to run per call.");
            services.Remove(descriptor);
            services.AddScoped(implementationType);
            services.AddScoped(serviceType, provider => CreateProxy(serviceType, implementationType, provider));
        }

        return services;
    }

    private static PerCallScopeProxy CreateProxy(Type serviceType, Type implementationType, IServiceProvider provider)
    {
        var create = typeof(DispatchProxy).GetMethod(nameof(DispatchProxy.Create), 2, Type.EmptyTypes)!
            .MakeGenericMethod(serviceType, typeof(PerCallScopeProxy));
        var proxy = (PerCallScopeProxy)create.Invoke(null, null)!;
        proxy.Initialize(provider.GetRequiredService<IServiceScopeFactory>(), provider.GetRequiredService<CurrentUser>(), implementationType);
        return proxy;
    }
}

/// <summary>The proxy behind <see cref="PerCallScope"/>. It is public because DispatchProxy requires it.</summary>
public class PerCallScopeProxy : DispatchProxy
{
    private static readonly MethodInfo InvokeWithResultMethod =
        typeof(PerCallScopeProxy).GetMethod(nameof(InvokeWithResultAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private IServiceScopeFactory _scopes = null!;
    private CurrentUser _caller = null!;
    private Type _implementationType = null!;

    internal void Initialize(IServiceScopeFactory scopes, CurrentUser caller, Type implementationType)
    {
        _scopes = scopes;
        _caller = caller;
        _implementationType = implementationType;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var returnType = targetMethod.ReturnType;
        if (returnType == typeof(Task))
        {
            return InvokeWithResultAsync<object?>(targetMethod, args);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return InvokeWithResultMethod.MakeGenericMethod(returnType.GetGenericArguments()[0]).Invoke(this, [targetMethod, args]);
        }

        throw new NotSupportedException($"{targetMethod.DeclaringType?.Name}.{targetMethod.Name} must return a Task to run in a scope of its own.");
    }

    private async Task<TResult> InvokeWithResultAsync<TResult>(MethodInfo targetMethod, object?[]? args)
    {
        await using var scope = _scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().CopyFrom(_caller);
        var target = scope.ServiceProvider.GetRequiredService(_implementationType);

        // Invoke returns the target's task; awaiting it here keeps the scope open until the call ends
        // and lets the target's own exception surface unwrapped.
        var task = (Task)targetMethod.Invoke(target, args)!;
        await task;
        return task is Task<TResult> withResult ? withResult.Result : default!;
    }
}
