using Bunit;
using IntegrationPortal.Application.Conflicts;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Flows;
using FlowsPage = IntegrationPortal.Web.Components.Pages.Flows.Flows;

namespace IntegrationPortal.Web.Tests.Components.Pages.Flows;

public sealed class FlowsTests : PortalTestContext
{
    [Fact]
    public void List_ShowsOpenConflictCount()
    {
        var withConflicts = AddFlow("Alpha");
        AddFlow("Beta");
        for (var i = 0; i < 3; i++)
        {
            Conflicts.Open.Add(new ConflictDto(
                Guid.NewGuid(), withConflicts, Guid.NewGuid(), "1", "2", "title", "title", "a", "b", null, null,
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, ConflictRule.SideAWins, "A", DateTimeOffset.UnixEpoch, [], true));
        }

        RenderProviders();
        var cut = Render<FlowsPage>();

        var rows = cut.FindAll("tr.flow-row");
        Assert.Equal(2, rows.Count);
        Assert.Equal("3", rows[0].QuerySelector("[data-testid=flow-conflicts]")!.TextContent.Trim());
        Assert.Null(rows[1].QuerySelector("[data-testid=flow-conflicts]"));
    }

    private Guid AddFlow(string name)
    {
        var id = Guid.NewGuid();
        var summary = new FlowSummaryDto(id, name, "rita", "github", "acme/a", "github", "acme/b", FlowStatus.Active, null, null);
        Flows.Flows[id] = new FlowDetailDto(summary, Guid.NewGuid(), [], ConflictRule.SideAWins, DeleteRule.UnlinkAndFlag, null, 5, null, 1, 0, 0, []);
        return id;
    }
}
