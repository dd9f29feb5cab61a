using Bunit;
using IntegrationPortal.Application.Users;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Web.Components.Pages.Admin;

namespace IntegrationPortal.Web.Tests.Components.Pages.Admin;

public sealed class GroupSectionTests : PortalTestContext
{
    [Fact]
    public async Task Create_ListsNewGroup()
    {
        RenderProviders();
        var cut = Render<GroupSection>();

        cut.Find("#group-name").Input("Support team");
        await cut.Find("#group-create").ClickAsync(new());

        var group = Assert.Single(Groups.Groups);
        Assert.Equal("Support team", group.Name);
        Assert.Contains("Support team", cut.Find("tr.group-row").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMember_ShowsMemberChip()
    {
        Users.Users.Add(new UserDto("rita", "rita@example.com", "rita@example.com", [Roles.Requester]));
        await Groups.CreateAsync(new() { Name = "Support team" }, CancellationToken.None);
        RenderProviders();
        var cut = Render<GroupSection>();

        await cut.SelectAsync("group-add-member", "rita");

        Assert.Equal((Groups.Groups[0].Id, "rita"), Assert.Single(Groups.AddedMembers));
        Assert.Equal("rita@example.com", cut.Find("[data-testid=group-member]").TextContent.Trim());
    }
}
