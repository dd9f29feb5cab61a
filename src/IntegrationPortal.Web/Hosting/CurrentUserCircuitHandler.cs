using IntegrationPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace IntegrationPortal.Web.Hosting;

/// <summary>
/// Gives the circuit's <see cref="CurrentUser"/> the signed-in user before each inbound event,
/// because HttpContext is not available to services during interactive rendering.
/// </summary>
internal sealed class CurrentUserCircuitHandler(AuthenticationStateProvider authentication, CurrentUser currentUser) : CircuitHandler
{
    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) =>
        currentUser.Set((await authentication.GetAuthenticationStateAsync()).User);

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            currentUser.Set((await authentication.GetAuthenticationStateAsync()).User);
            await next(context);
        };
}
