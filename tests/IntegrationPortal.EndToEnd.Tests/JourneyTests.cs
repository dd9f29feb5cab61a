using System.Globalization;
using System.Text.RegularExpressions;
using IntegrationPortal.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationPortal.EndToEnd.Tests;

/// <summary>
/// The walking skeleton's journey in a real browser, as three users, against the portal's own
/// executable on PostgreSQL, a real Redmine and the GitHub emulator.
/// </summary>
public sealed partial class JourneyTests : IAsyncLifetime
{
    private const string Password = "correct-horse-42";
    private const string AdminEmail = "it-admin@example.com";
    private const string RequesterEmail = "requester@example.com";
    private const string AuditorEmail = "auditor@example.com";
    private const int SeededIssues = 6;

    private readonly string _project = $"journey-{Guid.NewGuid():N}"[..20];
    private readonly List<int> _redmineIssues = [];
    private RedmineApi _redmine = null!;
    private GitHubSide _github = null!;
    private PostgresDatabase _database = null!;
    private PortalProcess _portal = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync()
    {
        _redmine = new RedmineApi();
        await _redmine.CreateProjectAsync(_project, $"Support {_project}");
        foreach (var (subject, description) in SeedIssues.Load(SeededIssues))
        {
            _redmineIssues.Add(await _redmine.CreateIssueAsync(_project, subject, description));
        }

        _github = await GitHubSide.StartAsync();
        _database = await PostgresDatabase.CreateAsync();
        _portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = _database.ConnectionString,
        });
        _browser = await BrowserSession.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
        await _github.DisposeAsync();
        _redmine.Dispose();
    }

    [Fact]
    public async Task Journey_syncs_edits_both_ways()
    {
        var admin = new PortalPage(await _browser.NewPageAsync(_portal.BaseUrl));
        await AdminSteps.SetUpOwnerAsync(admin, AdminEmail, Password);
        await AdminSteps.CreateUserAsync(admin, RequesterEmail, Password, "Requester");
        await AdminSteps.CreateUserAsync(admin, AuditorEmail, Password, "Auditor");
        await ApproveToolsAndConnectAsync(admin);

        var requester = new PortalPage(await _browser.NewPageAsync(_portal.BaseUrl));
        await requester.SignInAsync(RequesterEmail, Password);
        await SubmitRequestAsync(requester);

        await admin.OpenAsync("/queue");
        var group = admin.Page.Locator("[data-testid=queue-group]").Filter(new() { HasTextString = "Support bugs to engineering" });
        await group.Locator("[data-testid=queue-group-approve]").ClickAsync();
        await Assertions.Expect(admin.Page.Locator("[data-testid=confirm-change]")).ToContainTextAsync("Support bugs to engineering");
        await admin.Page.Locator("#confirm-apply").ClickAsync();

        // An approved request is no longer open, so it leaves the queue.
        await Assertions.Expect(group).ToHaveCountAsync(0);

        await requester.OpenAsync("/requests");
        await Assertions.Expect(requester.Page.Locator("[data-testid=request-status]").First).ToContainTextAsync("Approved");
        await BuildAndActivateFlowAsync(requester);

        // The first run creates every Redmine issue in the GitHub repository.
        await FlowSteps.WaitForRunsAsync(requester, 1);
        var created = await _github.ListIssuesAsync();
        Assert.Equal(SeededIssues, created.Count);
        Assert.All(created, issue => Assert.Equal(["bug"], issue.Labels));
        Assert.All(created, issue => Assert.Equal("open", issue.State));

        // An edit in Redmine arrives in GitHub.
        var redmineId = _redmineIssues[0];
        var subject = (string)(await _redmine.GetIssueAsync(redmineId))["subject"]!;
        var githubIssue = created.Single(i => i.Title == subject);
        await _redmine.UpdateSubjectAsync(redmineId, subject + " (edited in Redmine)");
        await RunNowAsync(requester, 2);
        Assert.Equal(subject + " (edited in Redmine)", (await _github.GetIssueAsync(githubIssue.Number)).Title);

        // An edit and a close in GitHub arrive in Redmine, through the status value map.
        await _github.UpdateIssueAsync(githubIssue.Number, title: "Edited in GitHub", state: "closed");
        await RunNowAsync(requester, 3);
        var redmineIssue = await _redmine.GetIssueAsync(redmineId);
        Assert.Equal("Edited in GitHub", (string)redmineIssue["subject"]!);
        Assert.Equal("Closed", (string)redmineIssue["status"]!["name"]!);

        // Our own writes do not come back: a run with no new edits changes nothing.
        await RunNowAsync(requester, 4);
        var lastRun = requester.Page.Locator("[data-testid=run-row]").First;
        await Assertions.Expect(lastRun.Locator("[data-testid=run-created]")).ToHaveTextAsync("0");
        await Assertions.Expect(lastRun.Locator("[data-testid=run-updated]")).ToHaveTextAsync("0");

        await CheckAuditTrailAsync();
        await TraceAsAuditorAsync(new Uri(requester.Page.Url).Segments[^1], githubIssue.Number.ToString(CultureInfo.InvariantCulture), subject + " (edited in Redmine)");
        Assert.DoesNotContain(_redmine.ApiKey, _portal.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubSide.Token, _portal.Output, StringComparison.Ordinal);

        // Every audit event that the whole journey wrote, read as stored, is free of both secrets.
        var events = await _database.ReadRowsAsTextAsync("AuditEvents");
        Assert.True(events.Count > 20, $"The journey wrote only {events.Count} audit events.");
        Assert.All(events, row => Assert.DoesNotContain(_redmine.ApiKey, row, StringComparison.Ordinal));
        Assert.All(events, row => Assert.DoesNotContain(GitHubSide.Token, row, StringComparison.Ordinal));
    }

    private async Task ApproveToolsAndConnectAsync(PortalPage admin)
    {
        await AdminSteps.ApproveRedmineAndGitHubAsync(admin, "Pilot with the support team");
        await AdminSteps.AddConnectionAsync(admin, "Support Redmine", "Redmine", _redmine.BaseUrl.ToString(), _redmine.ApiKey);
        await AdminSteps.AddConnectionAsync(admin, "Engineering GitHub", "GitHub", _github.BaseUrl.ToString(), GitHubSide.Token);
        foreach (var row in await admin.Page.Locator("tr.connection-row").AllAsync())
        {
            await row.Locator("[data-testid=connection-test]").ClickAsync();
        }

        await Assertions.Expect(admin.Page.Locator("[data-testid=connection-last-test]").Nth(0)).ToContainTextAsync("Passed");
        await Assertions.Expect(admin.Page.Locator("[data-testid=connection-last-test]").Nth(1)).ToContainTextAsync("Passed");
        Assert.DoesNotContain(_redmine.ApiKey, await admin.Page.ContentAsync(), StringComparison.Ordinal);

        // A requester builds flows only with connections shared with them.
        foreach (var name in new[] { "Support Redmine", "Engineering GitHub" })
        {
            await AdminSteps.ShareConnectionAsync(admin, name, RequesterEmail);
        }
    }

    private static async Task SubmitRequestAsync(PortalPage requester)
    {
        var request = new RequestInput(
            "Redmine", "GitHub", "Support bugs to engineering", "title, description, status, tracker",
            "Support re-types every confirmed bug into GitHub by hand.");
        await RequestWizard.FillAndSubmitAsync(requester, request);
        await Assertions.Expect(requester.Page.Locator("#request-status")).ToContainTextAsync("Submitted");
    }

    private async Task BuildAndActivateFlowAsync(PortalPage requester)
    {
        await requester.Page.Locator("[data-testid=request-build-flow]").First.ClickAsync();
        await requester.Page.WaitForURLAsync(new Regex("/flows/new"));
        await requester.Page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await requester.SelectAsync("#flow-connection-a", "Support Redmine");
        await FlowSteps.WaitForContainersAsync(requester, "a");
        await requester.SelectAsync("#flow-container-a", $"Support {_project}");
        await requester.SelectAsync("#flow-connection-b", "Engineering GitHub");
        await FlowSteps.WaitForContainersAsync(requester, "b");
        await requester.SelectAsync("#flow-container-b", GitHubSide.Repository);

        // Status: Redmine's statuses to GitHub's open and closed; the first pair per GitHub value wins on the way back.
        var statusRow = requester.Page.Locator("[data-testid=mapping-row]").Nth(2);
        await statusRow.Locator("[data-testid=mapping-valuemap-toggle]").ClickAsync();
        var valueMap = requester.Page.Locator("[data-testid=mapping-valuemap-row]").First;
        string[][] pairs = [["New", "open"], ["In Progress", "open"], ["Closed", "closed"]];
        for (var i = 0; i < pairs.Length; i++)
        {
            await valueMap.Locator("[data-testid=valuemap-add]").ClickAsync();
            var pair = valueMap.Locator("[data-testid=valuemap-row]").Nth(i);
            await FillValueAsync(requester, pair.Locator("[data-testid=valuemap-value-a]"), pairs[i][0]);
            await FillValueAsync(requester, pair.Locator("[data-testid=valuemap-value-b]"), pairs[i][1]);
        }

        // A fourth field: Redmine's tracker becomes a GitHub label, one way.
        await requester.Page.ClickAsync("#mapping-add");
        var trackerRow = requester.Page.Locator("[data-testid=mapping-row]").Nth(3);
        await requester.SelectAsync(trackerRow.Locator("[data-testid=mapping-field-a]").First, "Tracker");
        await requester.SelectAsync(trackerRow.Locator("[data-testid=mapping-field-b]").First, "Labels");
        await requester.SelectAsync(trackerRow.Locator("[data-testid=mapping-direction]").First, "A → B");
        await trackerRow.Locator("[data-testid=mapping-valuemap-toggle]").ClickAsync();
        var trackerMap = requester.Page.Locator("[data-testid=mapping-valuemap-row]").Nth(1);
        await trackerMap.Locator("[data-testid=valuemap-add]").ClickAsync();
        await FillValueAsync(requester, trackerMap.Locator("[data-testid=valuemap-value-a]").First, "Bug");
        await FillValueAsync(requester, trackerMap.Locator("[data-testid=valuemap-value-b]").First, "bug");

        await requester.Page.ClickAsync("#flow-save");
        await requester.Page.WaitForURLAsync(new Regex("/flows/[0-9a-f-]{36}$"));
        await requester.Page.ClickAsync("#flow-activate");
        await Assertions.Expect(requester.Page.Locator("#flow-status")).ToContainTextAsync("Active");
    }

    /// <summary>Types into a value-map cell, or picks from it when the tool listed the field's values.</summary>
    private static async Task FillValueAsync(PortalPage page, ILocator cell, string value)
    {
        if (await cell.EvaluateAsync<bool>("e => e.readOnly || e.type === 'hidden'"))
        {
            await page.SelectAsync(cell, value);
        }
        else
        {
            await cell.FillAsync(value);
        }
    }

    private static async Task RunNowAsync(PortalPage requester, int expectedRuns)
    {
        await requester.Page.ClickAsync("#flow-run-now");
        await FlowSteps.WaitForRunsAsync(requester, expectedRuns);
    }

    private async Task CheckAuditTrailAsync()
    {
        var auditor = new PortalPage(await _browser.NewPageAsync(_portal.BaseUrl));
        await auditor.SignInAsync(AuditorEmail, Password);
        await auditor.OpenAsync("/audit");
        var actions = await auditor.Page.Locator("[data-testid=audit-action]").AllInnerTextsAsync();
        foreach (var expected in new[] { "request.submitted", "request.approved", "flow.created", "flow.activated", "item.synced", "flow.run-finished" })
        {
            Assert.Contains(expected, actions);
        }

        var page = await auditor.Page.ContentAsync();
        Assert.DoesNotContain(_redmine.ApiKey, page, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubSide.Token, page, StringComparison.Ordinal);
    }
}
