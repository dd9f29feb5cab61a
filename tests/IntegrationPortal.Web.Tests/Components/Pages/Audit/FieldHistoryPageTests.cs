using Bunit;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Web.Components.Pages.Audit;

namespace IntegrationPortal.Web.Tests.Components.Pages.Audit;

public sealed class FieldHistoryPageTests : PortalTestContext
{
    [Fact]
    public async Task Find_shows_each_write_with_its_run()
    {
        var link = new LinkSummaryDto(Guid.NewGuid(), "7", "12", "Active", DateTimeOffset.UnixEpoch);
        var run = Guid.NewGuid();
        Audit.Links.Add(link);
        Audit.History = new FieldHistory(
            link,
            [
                new FieldWrite(3, DateTimeOffset.UnixEpoch, run, 2, "B", "12", "7", "title", "Jam", "Printer jam", WasConflict: false),
                new FieldWrite(4, DateTimeOffset.UnixEpoch, run, 2, "A", "7", "12", "status", "open", "closed", WasConflict: true),
            ],
            Truncated: false);
        var cut = Render<FieldHistoryPage>(parameters => parameters.Add(p => p.FlowId, Guid.NewGuid()));

        cut.Find("#history-item").Change("12");
        await cut.Find("#history-find").ClickAsync(new());

        Assert.Equal(2, cut.FindAll("[data-testid=history-field]").Count);
        Assert.Contains(cut.FindAll("[data-testid=history-new]"), cell => cell.TextContent == "Printer jam");
        Assert.All(cut.FindAll("[data-testid=history-run]"), cell => Assert.Equal(run.ToString(), cell.TextContent));
    }

    [Fact]
    public async Task Unknown_item_says_no_link()
    {
        var cut = Render<FieldHistoryPage>(parameters => parameters.Add(p => p.FlowId, Guid.NewGuid()));

        cut.Find("#history-item").Change("404");
        await cut.Find("#history-find").ClickAsync(new());

        Assert.Contains("404", cut.Find("#history-no-link").TextContent, StringComparison.Ordinal);
    }
}
