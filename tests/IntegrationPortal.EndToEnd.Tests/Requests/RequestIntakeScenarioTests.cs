using System.Text.RegularExpressions;
using IntegrationPortal.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace IntegrationPortal.EndToEnd.Tests.Requests;

/// <summary>
/// Request intake in a real browser against the portal's own executable on PostgreSQL. A request
/// inside an auto-approving template is approved at once. Two look-alike requests beyond it wait
/// in the IT queue as one group, and one confirmed action approves both and notifies their requesters.
/// </summary>
public sealed partial class RequestIntakeScenarioTests : IAsyncLifetime
{
    private const string Password = "correct-horse-42";
    private const string AdminEmail = "intake-admin@example.com";
    private const string TemplateName = "Support bugs to engineering";
    private const string GroupDifference = "asks for field assignee, which the template does not include";

    private static readonly string[] RequesterEmails =
    [
        "intake-requester-1@example.com",
        "intake-requester-2@example.com",
        "intake-requester-3@example.com",
    ];

    // Inside the template: its tools, only fields it allows, both ways, internal data.
    private static readonly RequestInput InsideTemplate = new(
        "Redmine", "GitHub", "Support bugs to engineering issues", "title, description, status",
        "Support re-types every confirmed bug into GitHub by hand.");

    // Beyond the template by one field, Redmine's assignee. The two use cases share most words, so they form one group.
    private static readonly RequestInput[] BeyondTemplate =
    [
        new("Redmine", "GitHub", "Support bugs to engineering issues with their assignee", "title, description, status, assignee",
            "The on-call engineer has to see who in support owns the bug."),
        new("GitHub", "Redmine", "Engineering issues from support bugs, assignee included", "title, status, assignee",
            "Triage in GitHub needs the Redmine assignee to ask follow-up questions."),
    ];

    private PostgresDatabase _database = null!;
    private PortalProcess _portal = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync()
    {
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
    }

    [Fact]
    public async Task Template_and_group_approve_requests()
    {
        var admin = new PortalPage(await _browser.NewPageAsync(_portal.BaseUrl));
        await AdminSteps.SetUpOwnerAsync(admin, AdminEmail, Password);
        foreach (var email in RequesterEmails)
        {
            await AdminSteps.CreateUserAsync(admin, email, Password, "Requester");
        }

        await AdminSteps.ApproveRedmineAndGitHubAsync(admin, "Pilot with the support team");
        await CreateAutoApprovingTemplateAsync(admin);

        var first = await SignInAsync(RequesterEmails[0]);
        await SubmitInsideTemplateAsync(first);

        var others = new List<(PortalPage Page, string RequestId)>();
        for (var i = 0; i < BeyondTemplate.Length; i++)
        {
            var requester = await SignInAsync(RequesterEmails[i + 1]);
            others.Add((requester, await SubmitBeyondTemplateAsync(requester, BeyondTemplate[i], RequesterEmails[1..(i + 1)])));
        }

        await ApproveGroupAsync(admin);

        foreach (var (requester, requestId) in others)
        {
            await CheckApprovedByAdminAsync(requester, requestId);
        }

        // The template's approval reached the first requester as a notification too.
        await first.OpenAsync("/notifications");
        await Assertions.Expect(first.Page.Locator("[data-testid=notification]").Filter(new() { HasTextString = "is now approved" }))
            .ToContainTextAsync($"changed by template {TemplateName}, version 1.");

        // One of the three approvals came from the template.
        await admin.OpenAsync("/queue/dashboard");
        await Assertions.Expect(admin.Page.Locator("[data-testid=dashboard-template-share]")).ToHaveTextAsync(TemplateShare());

        var events = await _database.ReadRowsAsTextAsync("AuditEvents");
        var byTemplate = Assert.Single(events, row => row.Contains("\"request.approved-by-template\"", StringComparison.Ordinal));
        Assert.Contains($"Approved by template {TemplateName}, version 1.", byTemplate, StringComparison.Ordinal);
        Assert.Equal(2, events.Count(row => row.Contains("\"request.approved\"", StringComparison.Ordinal)));
    }

    private async Task<PortalPage> SignInAsync(string email)
    {
        var page = new PortalPage(await _browser.NewPageAsync(_portal.BaseUrl));
        await page.SignInAsync(email, Password);
        return page;
    }

    /// <summary>
    /// Creates, in the template editor, a Redmine-to-GitHub template allowing title, description and
    /// status both ways, which approves requests inside it at once.
    /// </summary>
    private static async Task CreateAutoApprovingTemplateAsync(PortalPage admin)
    {
        await admin.OpenAsync("/governance/templates/new");
        await admin.Page.FillAsync("#template-name", TemplateName);
        await admin.Page.FillAsync("#template-use-case", "Support bugs to engineering issues");
        await admin.SelectAsync("#template-tool-a", "Redmine");
        await admin.SelectAsync("#template-tool-b", "GitHub");

        // The editor starts with the title pair, and description and status are added after it.
        var rows = admin.Page.Locator("[data-testid=template-field-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        string[] added = ["Description", "Status"];
        for (var i = 0; i < added.Length; i++)
        {
            await admin.Page.ClickAsync("#template-field-add");
            var row = rows.Nth(i + 1);
            await admin.SelectAsync(row.Locator("[data-testid=template-field-a]"), added[i]);
            await admin.SelectAsync(row.Locator("[data-testid=template-field-b]"), added[i]);
        }

        await admin.Page.GetByText("Approve requests inside it at once").ClickAsync();
        await admin.Page.ClickAsync("#template-save");
        await admin.Page.WaitForURLAsync(TemplatePage());
        await Assertions.Expect(admin.Page.Locator("#template-current-version")).ToHaveTextAsync("version 1");

        await admin.OpenAsync("/governance/templates");
        var listed = admin.Page.Locator("tr.template-row").Filter(new() { HasTextString = TemplateName });
        await Assertions.Expect(listed).ToContainTextAsync("Redmine ↔ GitHub");
        await Assertions.Expect(listed.Locator("td[data-label='Auto-approve']")).ToHaveTextAsync("Yes");
    }

    /// <summary>Submits the request inside the template and checks that it is approved at once, by the template.</summary>
    private static async Task SubmitInsideTemplateAsync(PortalPage requester)
    {
        await RequestWizard.FillAsync(requester, InsideTemplate);
        var suggestion = requester.Page.Locator("[data-testid=template-suggestion]");
        await Assertions.Expect(suggestion).ToContainTextAsync($"Inside pattern {TemplateName} (version 1): approved at once.");

        await RequestWizard.SubmitAsync(requester);
        await Assertions.Expect(requester.Page.Locator("#request-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(requester.Page.Locator("#request-template-approval"))
            .ToHaveTextAsync($"Approved by template {TemplateName}, version 1");

        // An approved request waits for its requester to build the flow, so the requester is its holder.
        await Assertions.Expect(requester.Page.Locator("#request-holder")).ToContainTextAsync($"Held by {RequesterEmails[0]}.");
        await Assertions.Expect(requester.Page.Locator("#request-build-flow")).ToBeVisibleAsync();

        await requester.OpenAsync("/requests");
        var row = requester.Page.Locator("tr.request-row").Filter(new() { HasTextString = InsideTemplate.UseCase });
        await Assertions.Expect(row.Locator("[data-testid=request-status]")).ToHaveTextAsync("Approved");
        await Assertions.Expect(row.Locator("[data-testid=request-holder]")).ToHaveTextAsync(RequesterEmails[0]);
    }

    /// <summary>
    /// Submits a request beyond the template, checks that it waits in the IT queue and returns its id.
    /// The wizard must offer to join the open look-alike requests of <paramref name="similarRequesters"/>,
    /// and never the first request, which is approved and so cannot be joined.
    /// </summary>
    private static async Task<string> SubmitBeyondTemplateAsync(PortalPage requester, RequestInput input, string[] similarRequesters)
    {
        await RequestWizard.FillAsync(requester, input);
        var suggestion = requester.Page.Locator("[data-testid=template-suggestion]");
        await Assertions.Expect(suggestion).ToContainTextAsync($"Close to pattern {TemplateName} (version 1)");
        await Assertions.Expect(suggestion).ToContainTextAsync(GroupDifference);
        var similar = requester.Page.Locator("[data-testid=similar-request]");
        await Assertions.Expect(similar).ToHaveCountAsync(similarRequesters.Length);
        foreach (var email in similarRequesters)
        {
            await Assertions.Expect(similar.Filter(new() { HasTextString = email })).ToHaveCountAsync(1);
        }

        var requestId = await RequestWizard.SubmitAsync(requester);
        await Assertions.Expect(requester.Page.Locator("#request-status")).ToHaveTextAsync("Submitted");
        await Assertions.Expect(requester.Page.Locator("#request-holder")).ToContainTextAsync("Held by IT queue.");
        await Assertions.Expect(requester.Page.Locator("#request-template-approval")).ToHaveCountAsync(0);
        await Assertions.Expect(requester.Page.Locator("[data-testid=request-difference]")).ToHaveTextAsync($"• {GroupDifference}");
        return requestId;
    }

    /// <summary>
    /// Finds the two look-alike requests as one group in the queue, with the difference from the
    /// template shown on each, and approves the group through the confirmation dialog.
    /// </summary>
    private static async Task ApproveGroupAsync(PortalPage admin)
    {
        await admin.OpenAsync("/queue");
        await Assertions.Expect(admin.Page.Locator("[data-testid=queue-summary]")).ToContainTextAsync("2 open requests in 1 decision.");
        var group = admin.Page.Locator("[data-testid=queue-group]");
        await Assertions.Expect(group).ToHaveCountAsync(1);
        await Assertions.Expect(group.Locator("[data-testid=queue-group-count]")).ToHaveTextAsync("2 look-alike requests");

        var requests = group.Locator("[data-testid=queue-request]");
        await Assertions.Expect(requests).ToHaveCountAsync(2);
        for (var i = 0; i < BeyondTemplate.Length; i++)
        {
            var request = requests.Filter(new() { HasTextString = RequesterEmails[i + 1] });
            await Assertions.Expect(request).ToContainTextAsync(BeyondTemplate[i].UseCase);
            await Assertions.Expect(request).ToContainTextAsync($"Compared with {TemplateName}:");
            await Assertions.Expect(request.Locator("[data-testid=queue-difference]")).ToHaveTextAsync(GroupDifference);
        }

        // The dialog lists each change before anything is applied, and cancelling it leaves the group as it was.
        await group.Locator("[data-testid=queue-group-approve]").ClickAsync();
        var changes = admin.Page.Locator("[data-testid=confirm-change]");
        await Assertions.Expect(admin.Page.Locator("[data-testid=confirm-summary]")).ToHaveTextAsync("2 requests change:");
        await Assertions.Expect(changes).ToHaveCountAsync(2);
        for (var i = 0; i < BeyondTemplate.Length; i++)
        {
            var change = changes.Filter(new() { HasTextString = RequesterEmails[i + 1] });
            await Assertions.Expect(change).ToContainTextAsync(BeyondTemplate[i].UseCase);
            await Assertions.Expect(change.Locator("td").Nth(2)).ToHaveTextAsync("Submitted");
            await Assertions.Expect(change.Locator("td").Nth(3)).ToHaveTextAsync("Approved");
        }

        await admin.Page.ClickAsync("#confirm-cancel");
        await Assertions.Expect(changes).ToHaveCountAsync(0);
        await Assertions.Expect(requests).ToHaveCountAsync(2);

        await group.Locator("[data-testid=queue-group-approve]").ClickAsync();
        await Assertions.Expect(changes).ToHaveCountAsync(2);
        await admin.Page.ClickAsync("#confirm-apply");
        await Assertions.Expect(admin.Page.Locator(".mud-snackbar").Filter(new() { HasTextString = "2 requests changed." })).ToBeVisibleAsync();

        // Approved requests are no longer open, so they leave the queue.
        await Assertions.Expect(admin.Page.Locator("[data-testid=queue-empty]")).ToBeVisibleAsync();
    }

    /// <summary>Checks, as the requester, the request page, My requests and the notification of the approval.</summary>
    private static async Task CheckApprovedByAdminAsync(PortalPage requester, string requestId)
    {
        await requester.OpenAsync($"/requests/{requestId}");
        await Assertions.Expect(requester.Page.Locator("#request-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(requester.Page.Locator("#request-template-approval")).ToHaveCountAsync(0);
        await Assertions.Expect(requester.Page.Locator("#request-holder")).ToContainTextAsync("Approved: build the flow.");
        var history = requester.Page.Locator("[data-testid=request-timeline-entry]");
        await Assertions.Expect(history.Filter(new() { HasTextString = "Approved the request." })).ToContainTextAsync(AdminEmail);

        await requester.OpenAsync("/requests");
        var row = requester.Page.Locator("tr.request-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-testid=request-status]")).ToHaveTextAsync("Approved");
        await Assertions.Expect(row).ToContainTextAsync($"By {AdminEmail}");

        // The submission and the approval each left an unread notification.
        await Assertions.Expect(requester.Page.Locator("#notification-bell")).ToHaveAttributeAsync("aria-label", "2 unread notifications");
        await requester.OpenAsync("/notifications");
        var approval = requester.Page.Locator("[data-testid=notification]").Filter(new() { HasTextString = "is now approved" });
        await Assertions.Expect(approval).ToHaveCountAsync(1);
        await Assertions.Expect(approval).ToContainTextAsync($"changed by {AdminEmail}");
        await Assertions.Expect(approval).ToContainTextAsync("unread");
    }

    // .NET's invariant percent format puts a space before the sign, so the pattern accepts it with or without.
    [GeneratedRegex("^33 ?% of 3$")]
    private static partial Regex TemplateShare();

    [GeneratedRegex("/governance/templates/[0-9a-f-]{36}$")]
    private static partial Regex TemplatePage();
}
