using System.Text.RegularExpressions;
using IntegrationPortal.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationPortal.EndToEnd.Tests.Governance;

/// <summary>
/// An IT admin blocks a field that a live flow syncs, in a real browser against the portal's own
/// executable on PostgreSQL, a real Redmine and the GitHub emulator: the preview lists the flow,
/// the save pauses it, the flow page shows its requester why, and nothing crosses the blocked field afterwards.
/// </summary>
public sealed class FieldPolicyScenarioTests : IAsyncLifetime
{
    private const string Password = "correct-horse-42";
    private const string AdminEmail = "policy-admin@example.com";
    private const string RequesterEmail = "policy-requester@example.com";
    private const string FlowName = "Support descriptions to engineering";
    private const string Violation = "GitHub's field Description may not be read or written by flows; IT set it to never sync.";

    private readonly string _project = $"policy-{Guid.NewGuid():N}"[..20];
    private RedmineApi _redmine = null!;
    private GitHubSide _github = null!;
    private PostgresDatabase _database = null!;
    private PortalProcess _portal = null!;
    private BrowserSession _browser = null!;
    private int _redmineIssue;

    public async Task InitializeAsync()
    {
        _redmine = new RedmineApi();
        await _redmine.CreateProjectAsync(_project, $"Support {_project}");
        _redmineIssue = await _redmine.CreateIssueAsync(_project, "Badge reader offline", "The reader at door 3 stays red.");
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
    public async Task Blocked_field_pauses_live_flow()
    {
        var admin = new PortalPage(await _browser.NewPageAsync(_portal.BaseUrl));
        await SetUpAsync(admin);
        var requester = new PortalPage(await _browser.NewPageAsync(_portal.BaseUrl));
        await requester.SignInAsync(RequesterEmail, Password);
        await SubmitRequestAsync(requester);
        await ApproveRequestAsync(admin);
        await BuildAndActivateFlowAsync(requester);
        await FlowSteps.WaitForRunsAsync(requester, 1);
        var copy = Assert.Single(await _github.ListIssuesAsync());
        Assert.Contains("The reader at door 3 stays red.", copy.Body, StringComparison.Ordinal);
        var flowUrl = requester.Page.Url;

        // The admin blocks GitHub's description field, and the preview lists the live flow before the save.
        await admin.OpenAsync("/governance/policies");
        await admin.Page.ClickAsync("#policy-tool-github");
        await admin.Page.Locator("[data-testid=field-rule-row][data-field=description]").WaitForAsync();
        await admin.SelectAsync("[data-testid=field-access-description]", "Never sync");
        await admin.Page.ClickAsync("#policy-preview");
        var flowRow = admin.Page.Locator("[data-testid=impact-flow-row]");
        await Assertions.Expect(flowRow).ToHaveCountAsync(1);
        await Assertions.Expect(flowRow).ToContainTextAsync(FlowName);
        await Assertions.Expect(flowRow).ToContainTextAsync(RequesterEmail);
        await Assertions.Expect(flowRow).ToContainTextAsync(Violation);
        await Assertions.Expect(admin.Page.Locator("#policy-save")).ToHaveTextAsync("Save");
        await admin.Page.ClickAsync("#policy-save");
        await Assertions.Expect(admin.Page.Locator(".mud-snackbar").Filter(new() { HasTextString = "1 flow was paused" })).ToBeVisibleAsync();

        // The flow page shows the requester the pause and IT's reason, and rejects both Run now and Resume.
        await requester.OpenAsync(new Uri(flowUrl).AbsolutePath);
        await Assertions.Expect(requester.Page.Locator("#flow-status")).ToContainTextAsync("Paused");
        var banner = requester.Page.Locator("#flow-pause-reason");
        await Assertions.Expect(banner).ToContainTextAsync("Paused by IT's policies");
        await Assertions.Expect(banner).ToContainTextAsync(Violation);
        await requester.Page.ClickAsync("#flow-activate");
        await Assertions.Expect(requester.Page.Locator(".mud-snackbar").Filter(new() { HasTextString = Violation })).ToBeVisibleAsync();

        // The snackbar covers the buttons, so the page is opened again before the next press.
        await requester.OpenAsync(new Uri(flowUrl).AbsolutePath);
        await requester.Page.ClickAsync("#flow-run-now");
        await Assertions.Expect(requester.Page.Locator(".mud-snackbar").Filter(new() { HasTextString = "The flow is paused, so it cannot run." })).ToBeVisibleAsync();

        // A new description in Redmine stays there: the flow runs every minute when active, so a
        // wait of more than one period shows that no run carried it to GitHub.
        await _redmine.UpdateDescriptionAsync(_redmineIssue, "Replaced on Monday; works again.");
        await Task.Delay(TimeSpan.FromSeconds(75));
        await requester.OpenAsync(new Uri(flowUrl).AbsolutePath);
        await Assertions.Expect(requester.Page.Locator("[data-testid=run-row]")).ToHaveCountAsync(1);
        var after = await _github.GetIssueAsync(copy.Number);
        Assert.Contains("The reader at door 3 stays red.", after.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Replaced on Monday", after.Body, StringComparison.Ordinal);

        var events = await _database.ReadRowsAsTextAsync("AuditEvents");
        Assert.Contains(events, row => row.Contains("policy.field-changed", StringComparison.Ordinal));
        Assert.Contains(events, row => row.Contains("flow.paused", StringComparison.Ordinal) && row.Contains("Description may not be", StringComparison.Ordinal));
    }

    private async Task SetUpAsync(PortalPage admin)
    {
        await AdminSteps.SetUpOwnerAsync(admin, AdminEmail, Password);
        await AdminSteps.CreateUserAsync(admin, RequesterEmail, Password, "Requester");
        await AdminSteps.ApproveRedmineAndGitHubAsync(admin, "Pilot for field policies");
        await AdminSteps.AddConnectionAsync(admin, "Support Redmine", "Redmine", _redmine.BaseUrl.ToString(), _redmine.ApiKey);
        await AdminSteps.AddConnectionAsync(admin, "Engineering GitHub", "GitHub", _github.BaseUrl.ToString(), GitHubSide.Token);
        foreach (var name in new[] { "Support Redmine", "Engineering GitHub" })
        {
            await AdminSteps.ShareConnectionAsync(admin, name, RequesterEmail);
        }
    }

    private static async Task SubmitRequestAsync(PortalPage requester)
    {
        var request = new RequestInput("Redmine", "GitHub", FlowName, "title, description", "Engineering needs the details support collects.");
        await RequestWizard.FillAndSubmitAsync(requester, request);
        await Assertions.Expect(requester.Page.Locator("#request-status")).ToHaveTextAsync("Submitted");
    }

    private static async Task ApproveRequestAsync(PortalPage admin)
    {
        await admin.OpenAsync("/queue");
        var group = admin.Page.Locator("[data-testid=queue-group]").Filter(new() { HasTextString = FlowName });
        await group.Locator("[data-testid=queue-group-approve]").ClickAsync();
        await Assertions.Expect(admin.Page.Locator("[data-testid=confirm-change]")).ToContainTextAsync(FlowName);
        await admin.Page.ClickAsync("#confirm-apply");
        await Assertions.Expect(group).ToHaveCountAsync(0);
    }

    private async Task BuildAndActivateFlowAsync(PortalPage requester)
    {
        await requester.OpenAsync("/requests");
        await requester.Page.Locator("[data-testid=request-build-flow]").First.ClickAsync();
        await requester.Page.WaitForURLAsync(new Regex("/flows/new"));
        await requester.Page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await requester.Page.FillAsync("#flow-name", FlowName);
        await requester.SelectAsync("#flow-connection-a", "Support Redmine");
        await FlowSteps.WaitForContainersAsync(requester, "a");
        await requester.SelectAsync("#flow-container-a", $"Support {_project}");
        await requester.SelectAsync("#flow-connection-b", "Engineering GitHub");
        await FlowSteps.WaitForContainersAsync(requester, "b");
        await requester.SelectAsync("#flow-container-b", GitHubSide.Repository);
        await requester.Page.FillAsync("#flow-schedule", "1");

        // Title and description only: the status row would need a value map, which this scenario does not test.
        await requester.Page.Locator("[data-testid=mapping-row]").Nth(2).Locator("[data-testid=mapping-remove]").ClickAsync();
        await Assertions.Expect(requester.Page.Locator("[data-testid=mapping-row]")).ToHaveCountAsync(2);

        await requester.Page.ClickAsync("#flow-save");
        await requester.Page.WaitForURLAsync(new Regex("/flows/[0-9a-f-]{36}$"));
        await requester.Page.ClickAsync("#flow-activate");
        await Assertions.Expect(requester.Page.Locator("#flow-status")).ToContainTextAsync("Active");
    }
}
