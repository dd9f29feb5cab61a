using Bunit;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Web.Components.Pages.Flows;

namespace IntegrationPortal.Web.Tests.Components.Pages.Governance;

/// <summary>The flow page shown to its requester after a policy change paused the flow.</summary>
public sealed class PolicyPauseBannerTests : PortalTestContext
{
    private const string Reason = "GitHub's field Status may not be written by flows; IT set it to read only.";
    private static readonly Guid FlowId = Guid.NewGuid();

    [Fact]
    public void Requester_sees_policy_reason()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("rita@example.com");
        authorization.SetRoles(Roles.Requester);
        var summary = new FlowSummaryDto(
            FlowId, "Support to engineering", "rita@example.com", "github", "acme/support", "github", "acme/engineering", FlowStatus.Paused,
            null, null, Reason, new DateTimeOffset(2026, 5, 4, 9, 30, 0, TimeSpan.Zero), PausedByPolicy: true);
        Flows.Flows[FlowId] = new FlowDetailDto(summary, Guid.NewGuid(), [], ConflictRule.MostRecentWins, DeleteRule.UnlinkAndFlag, null, 5, Reason, 1, 0, 0, []);
        RenderProviders();

        var cut = Render<FlowDetail>(p => p.Add(c => c.FlowId, FlowId));
        var banner = cut.Find("#flow-pause-reason").TextContent;

        Assert.Contains("Paused by IT's policies", banner, StringComparison.Ordinal);
        Assert.Contains(Reason, banner, StringComparison.Ordinal);
        Assert.Contains("ask IT about the policy", banner, StringComparison.Ordinal);
    }
}
