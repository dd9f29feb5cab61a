using Bunit;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Web.Components.Layout;

namespace IntegrationPortal.Web.Tests.Components.Layout;

public sealed class NavMenuTests : PortalTestContext
{
    [Fact]
    public void Requester_SeesOnlyRequesterLinks()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("requester@example.com");
        authorization.SetRoles(Roles.Requester);

        var cut = Render<NavMenu>();

        Assert.NotEmpty(cut.FindAll("#nav-requests"));
        Assert.NotEmpty(cut.FindAll("#nav-flows"));
        Assert.Empty(cut.FindAll("#nav-queue"));
        Assert.Empty(cut.FindAll("#nav-backlog-dashboard"));
        Assert.Empty(cut.FindAll("#nav-catalog"));
        Assert.Empty(cut.FindAll("#nav-users"));
        Assert.Empty(cut.FindAll("#nav-audit"));
    }

    [Fact]
    public void Auditor_SeesActivityLogButNoRequests()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("auditor@example.com");
        authorization.SetRoles(Roles.Auditor);

        var cut = Render<NavMenu>();

        Assert.NotEmpty(cut.FindAll("#nav-audit"));
        Assert.Empty(cut.FindAll("#nav-requests"));
        Assert.Empty(cut.FindAll("#nav-queue"));
    }
}
