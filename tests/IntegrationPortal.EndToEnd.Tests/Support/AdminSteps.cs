using Microsoft.Playwright;

namespace IntegrationPortal.EndToEnd.Tests.Support;

/// <summary>The IT admin's setup steps that every scenario starts with, done through the portal's pages.</summary>
public static class AdminSteps
{
    /// <summary>Creates the owner account on the first-run setup page, which signs the admin in.</summary>
    public static async Task SetUpOwnerAsync(PortalPage admin, string email, string password)
    {
        await admin.Page.GotoAsync("/setup");
        await admin.Page.FillAsync("#setup-email", email);
        await admin.Page.FillAsync("#setup-password", password);
        await admin.Page.FillAsync("#setup-confirm-password", password);
        await admin.Page.ClickAsync("#setup-submit");
        await Assertions.Expect(admin.Page.Locator("#signed-in-user")).ToHaveTextAsync(email);
    }

    /// <summary>Creates a user on the Users page. <paramref name="role"/> is the role's visible name, such as "Requester".</summary>
    public static async Task CreateUserAsync(PortalPage admin, string email, string password, string role)
    {
        await admin.OpenAsync("/admin/users");
        await admin.Page.FillAsync("#user-email", email);
        await admin.Page.FillAsync("#user-password", password);
        await admin.SelectAsync("#user-role", role);
        await admin.Page.ClickAsync("#user-create");
        await Assertions.Expect(admin.Page.Locator("tr.user-row").Filter(new() { HasTextString = email })).ToBeVisibleAsync();
    }

    /// <summary>Sets Redmine and GitHub to approved in the tool catalog, with the reason the status dialog requires.</summary>
    public static async Task ApproveRedmineAndGitHubAsync(PortalPage admin, string reason)
    {
        await admin.OpenAsync("/catalog");
        foreach (var tool in new[] { "redmine", "github" })
        {
            await admin.ClickAndConfirmReasonAsync(admin.Page.Locator($"#tool-{tool}-approved"), reason);

            // Once approved, the row offers the other statuses instead.
            await Assertions.Expect(admin.Page.Locator($"#tool-{tool}-underreview")).ToBeVisibleAsync();
        }
    }

    /// <summary>Adds a connection on the catalog page, which must be open.</summary>
    public static async Task AddConnectionAsync(PortalPage admin, string name, string tool, string baseUrl, string token)
    {
        await admin.Page.FillAsync("#connection-name", name);
        await admin.SelectAsync("#connection-tool", tool);
        await admin.Page.FillAsync("#connection-baseurl", baseUrl);
        await admin.Page.FillAsync("#connection-token", token);
        await admin.Page.ClickAsync("#connection-save");
        await Assertions.Expect(admin.Page.Locator("tr.connection-row").Filter(new() { HasTextString = name })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Shares a connection with a user for use, from the catalog page, which must be open. Requesters
    /// build flows only with connections shared with them.
    /// </summary>
    public static async Task ShareConnectionAsync(PortalPage admin, string connectionName, string userEmail)
    {
        await admin.Page.Locator("tr.connection-row").Filter(new() { HasTextString = connectionName })
            .Locator("[data-testid=connection-share]").ClickAsync();
        await admin.SelectAsync("#share-principal", userEmail);
        await admin.Page.ClickAsync("#share-save");
        await Assertions.Expect(admin.Page.Locator("tr.share-grant-row").Filter(new() { HasTextString = userEmail })).ToBeVisibleAsync();
        await admin.Page.ClickAsync("#share-close");
    }
}
