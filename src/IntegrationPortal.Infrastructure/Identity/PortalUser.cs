using Microsoft.AspNetCore.Identity;

namespace IntegrationPortal.Infrastructure.Identity;

/// <summary>An account of the portal, stored by ASP.NET Core Identity in the portal database.</summary>
public sealed class PortalUser : IdentityUser
{
}
