using System.Text.RegularExpressions;
using IntegrationPortal.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationPortal.EndToEnd.Tests;

/// <summary>The auditor's part of the journey: who approved the flow, which run wrote a title, and an export.</summary>
public sealed partial class JourneyTests
{
    private async Task TraceAsAuditorAsync(string flowId, string githubIssue, string editedTitle)
    {
        var auditor = new PortalPage(await _browser.NewPageAsync(_portal.BaseUrl));
        await auditor.SignInAsync(AuditorEmail, Password);

        // The flow's creation names its request; the request's approval names the approver.
        await auditor.OpenAsync($"/audit?flow={flowId}&action=flow.created");
        await auditor.Page.Locator("[data-testid=audit-details-toggle]").First.ClickAsync();
        var details = await auditor.Page.Locator("[data-testid=audit-details]").First.InnerTextAsync();
        var requestId = Regex.Match(details, "\"requestId\": \"([0-9a-f-]{36})\"").Groups[1].Value;
        Assert.NotEmpty(requestId);
        await auditor.OpenAsync($"/audit?request={requestId}&action=request.approved");
        await Assertions.Expect(auditor.Page.Locator("[data-testid=audit-actor-name]")).ToHaveTextAsync(AdminEmail);

        // The field history of the GitHub issue names the run that wrote the edited title.
        await auditor.OpenAsync($"/flows/{flowId}");
        await auditor.Page.ClickAsync("#flow-value-history");
        await auditor.Page.Locator("#history-item").FillAsync(githubIssue);
        await auditor.Page.ClickAsync("#history-find");
        var write = auditor.Page.Locator("[data-testid=history-write]").Filter(new() { Has = auditor.Page.Locator("[data-testid=history-new]", new() { HasTextString = editedTitle }) });
        await Assertions.Expect(write).ToHaveCountAsync(1);
        var runId = (await write.Locator("[data-testid=history-run]").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9a-f-]{36}$", runId);

        // Export the flow's sync events as CSV; the file carries the edit and its run.
        await auditor.OpenAsync($"/audit?flow={flowId}&action=item.synced");
        var download = await auditor.Page.RunAndWaitForDownloadAsync(() => auditor.Page.ClickAsync("#audit-export-csv"));
        var file = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("id,at,actor,action,target_type,target_id,details", file, StringComparison.Ordinal);
        Assert.Contains(editedTitle, file, StringComparison.Ordinal);
        Assert.Contains(runId, file, StringComparison.Ordinal);
        Assert.DoesNotContain("request.approved", file, StringComparison.Ordinal);
        await Assertions.Expect(auditor.Page.Locator("#audit-export-status")).ToContainTextAsync("Exported");
    }
}
