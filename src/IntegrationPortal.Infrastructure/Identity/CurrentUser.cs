using System.Security.Claims;
using IntegrationPortal.Application.Common;

namespace IntegrationPortal.Infrastructure.Identity;

/// <summary>
/// The user of the current scope: set from the HTTP request, from the Blazor circuit's
/// authentication state, or to the sync engine's system identity inside jobs.
/// </summary>
public sealed class CurrentUser : ICurrentUser
{
    public const string SystemName = "Sync engine";

    private ClaimsPrincipal _principal = new(new ClaimsIdentity());
    private bool _isSystem;

    public string? UserId => _isSystem ? "system" : _principal.FindFirstValue(ClaimTypes.NameIdentifier);

    public string UserName => _isSystem ? SystemName : _principal.Identity?.Name ?? "anonymous";

    public bool IsInRole(string role) => !_isSystem && _principal.IsInRole(role);

    public void Set(ClaimsPrincipal principal)
    {
        _principal = principal;
        _isSystem = false;
    }

    /// <summary>Gives another scope the same user, such as a scope opened for one call from a circuit.</summary>
    public void CopyFrom(CurrentUser other)
    {
        _principal = other._principal;
        _isSystem = other._isSystem;
    }

    /// <summary>Marks the scope as the sync engine's. Audit events name it as the actor, and it has no role.</summary>
    public void SetSystem() => _isSystem = true;
}
