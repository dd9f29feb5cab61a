using Bunit;
using IntegrationPortal.Application.Audit.Chain;
using IntegrationPortal.Web.Components.Pages.Audit;

namespace IntegrationPortal.Web.Tests.Components.Pages.Audit;

public sealed class AuditChainCheckTests : PortalTestContext
{
    [Fact]
    public async Task Verify_ShowsIntactChain()
    {
        AuditChain.Report = new AuditChainReport(12, 1, 12, new string('a', 64), null);
        var cut = Render<AuditChainCheck>();

        await cut.Find("#audit-chain-verify").ClickAsync(new());

        Assert.Equal(1, AuditChain.Checks);
        Assert.Contains("Intact: 12 events checked, sequence 1 to 12.", cut.Find("#audit-chain-result").TextContent);
    }

    [Fact]
    public async Task Verify_ShowsFirstBrokenLink()
    {
        AuditChain.Report = new AuditChainReport(
            2, 1, 2, new string('b', 64),
            new AuditChainBreak(AuditChainBreakKind.Deleted, 17, 4, "sequence 3", "sequence 4", "Events 3 to 3 are missing before event 17."));
        var cut = Render<AuditChainCheck>();

        await cut.Find("#audit-chain-verify").ClickAsync(new());
        var result = cut.Find("#audit-chain-result").TextContent;

        Assert.Contains("Broken (Deleted) at event 17", result);
        Assert.Contains("Events 3 to 3 are missing before event 17.", result);
        Assert.Contains("Expected sequence 3, found sequence 4.", result);
    }

    [Fact]
    public void AuditPage_IncludesChainCheck()
    {
        var cut = Render<AuditLog>();

        Assert.NotNull(cut.Find("#audit-chain-verify"));
    }
}
