using Hangfire.Dashboard;
using IntegrationPortal.Domain.Identity;

namespace IntegrationPortal.Web.Hosting;

/// <summary>Opens the Hangfire dashboard to signed-in IT admins only.</summary>
internal sealed class HangfireDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.ItAdmin);
}
