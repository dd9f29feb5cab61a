using Microsoft.Playwright;

namespace IntegrationPortal.EndToEnd.Tests.Support;

/// <summary>Waits that the flow builder and the flow page need before a test reads them.</summary>
public static class FlowSteps
{
    /// <summary>Waits until the builder has listed a side's projects live from the tool, and checks that it listed them without an error.</summary>
    public static async Task WaitForContainersAsync(PortalPage requester, string side)
    {
        await requester.Page.Locator($"#flow-containers-{side}-loading").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 60_000 });
        await Assertions.Expect(requester.Page.Locator($"#flow-containers-{side}-error")).ToHaveCountAsync(0);
    }

    /// <summary>Waits until the flow page lists the given number of finished runs, and checks that the newest succeeded.</summary>
    public static async Task WaitForRunsAsync(PortalPage requester, int count)
    {
        var finished = requester.Page.Locator("[data-testid=run-row]").Filter(new() { HasNotTextString = "Running" });
        await Assertions.Expect(finished).ToHaveCountAsync(count, new() { Timeout = 60_000 });
        await Assertions.Expect(finished.First.Locator("[data-testid=run-status]")).ToContainTextAsync("Succeeded");
    }
}
