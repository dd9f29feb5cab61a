using Bunit;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Web.Components.Pages.Catalog;

namespace IntegrationPortal.Web.Tests.Components.Pages.Catalog;

/// <summary>The share, rotate and revoke dialogs that the connection table opens.</summary>
public sealed class ConnectionDialogTests : PortalTestContext
{
    private const string NewToken = "ghp_new-token-4d2e";
    private static readonly Guid ConnectionId = Guid.NewGuid();

    [Fact]
    public async Task ShareDialog_SharesWithGroup()
    {
        AddConnection(ConnectionRight.Manage);
        Connections.Principals.Add(new SharePrincipalDto(PrincipalKind.Group, "6f1c", "Support team"));
        Connections.Principals.Add(new SharePrincipalDto(PrincipalKind.User, "u-rita", "rita@example.com"));
        var providers = RenderProviders();
        var cut = Render<ConnectionSection>(p => p.Add(c => c.Tools, Catalog.Tools));

        var opening = cut.Find("[data-testid=connection-share]").ClickAsync(new());
        providers.WaitForElement("#share-save");
        await providers.SelectAsync("share-principal", "Group:6f1c");
        await providers.SelectAsync("share-right", ConnectionRight.Manage);
        await providers.Find("#share-save").ClickAsync(new());
        var row = Assert.Single(providers.FindAll(".share-grant-row"));
        await providers.Find("#share-close").ClickAsync(new());
        await opening;

        var share = Assert.Single(Connections.Shares);
        Assert.Equal(ConnectionId, share.ConnectionId);
        Assert.Equal(PrincipalKind.Group, share.PrincipalKind);
        Assert.Equal("6f1c", share.PrincipalId);
        Assert.Equal(ConnectionRight.Manage, share.Right);
        Assert.Contains("Group: Support team", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShareDialog_RemovesGrant()
    {
        AddConnection(ConnectionRight.Manage);
        var grant = new ConnectionGrantDto(Guid.NewGuid(), PrincipalKind.User, "u-rita", "rita@example.com", ConnectionRight.Use, "ivan@example.com", DateTimeOffset.UnixEpoch);
        Connections.Grants.Add(grant);
        var providers = RenderProviders();
        var cut = Render<ConnectionSection>(p => p.Add(c => c.Tools, Catalog.Tools));

        var opening = cut.Find("[data-testid=connection-share]").ClickAsync(new());
        await providers.WaitForElement("[data-testid=share-remove]").ClickAsync(new());
        var rows = providers.FindAll(".share-grant-row");
        await providers.Find("#share-close").ClickAsync(new());
        await opening;

        Assert.Equal([grant.Id], Connections.Unshared);
        Assert.Empty(rows);
    }

    [Fact]
    public async Task RotateDialog_SendsSecretNeverShown()
    {
        AddConnection(ConnectionRight.Manage);
        var providers = RenderProviders();
        var cut = Render<ConnectionSection>(p => p.Add(c => c.Tools, Catalog.Tools));

        var opening = cut.Find("[data-testid=connection-rotate]").ClickAsync(new());
        providers.WaitForElement("#rotate-secret").Input(NewToken);
        await providers.Find("#rotate-save").ClickAsync(new());
        await opening;

        var rotation = Assert.Single(Connections.Rotations);
        Assert.Equal(ConnectionId, rotation.ConnectionId);
        Assert.Equal(NewToken, rotation.Secret);
        Assert.Empty(providers.FindAll("#rotate-secret"));
        Assert.DoesNotContain(NewToken, providers.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(NewToken, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateDialog_EmptySecret_ShowsFieldError()
    {
        AddConnection(ConnectionRight.Manage);
        var providers = RenderProviders();
        var cut = Render<ConnectionSection>(p => p.Add(c => c.Tools, Catalog.Tools));

        var opening = cut.Find("[data-testid=connection-rotate]").ClickAsync(new());
        await providers.WaitForElement("#rotate-save").ClickAsync(new());

        Assert.Empty(Connections.Rotations);
        Assert.Contains("Enter the new API token.", providers.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(providers.FindAll("#rotate-secret"));
        await providers.Find("#rotate-cancel").ClickAsync(new());
        await opening;
    }

    [Fact]
    public async Task RevokeDialog_SendsReason()
    {
        AddConnection(ConnectionRight.Manage);
        var providers = RenderProviders();
        var cut = Render<ConnectionSection>(p => p.Add(c => c.Tools, Catalog.Tools));

        var opening = cut.Find("[data-testid=connection-revoke]").ClickAsync(new());
        providers.WaitForElement("#reason-text").Input("The bot account was removed.");
        await providers.Find("#reason-confirm").ClickAsync(new());
        await opening;

        var revocation = Assert.Single(Connections.Revocations);
        Assert.Equal(ConnectionId, revocation.ConnectionId);
        Assert.Equal("The bot account was removed.", revocation.Reason);
    }

    [Fact]
    public void UseRight_HidesManageActions()
    {
        AddConnection(ConnectionRight.Use);
        RenderProviders();

        var cut = Render<ConnectionSection>(p => p.Add(c => c.Tools, Catalog.Tools).Add(c => c.CanCreate, false));

        Assert.Empty(cut.FindAll("[data-testid=connection-test]"));
        Assert.Empty(cut.FindAll("[data-testid=connection-share]"));
        Assert.Empty(cut.FindAll("[data-testid=connection-rotate]"));
        Assert.Empty(cut.FindAll("[data-testid=connection-revoke]"));
        Assert.Empty(cut.FindAll("#connection-form"));
    }

    [Fact]
    public void Health_ShowsErrorAndExpiry()
    {
        Connections.Connections.Add(new ConnectionDto(
            ConnectionId, "Engineering GitHub", ToolKeys.GitHub, "http://127.0.0.1:5005", DateTimeOffset.UnixEpoch, null, null, null,
            LastSuccessAt: new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
            LastErrorAt: new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero),
            LastErrorMessage: "GitHub rejected the token (HTTP 401).",
            TokenExpiresAt: new DateTimeOffset(2027, 3, 1, 12, 30, 0, TimeSpan.Zero),
            Right: ConnectionRight.Manage));
        RenderProviders();

        var cut = Render<ConnectionSection>(p => p.Add(c => c.Tools, Catalog.Tools));

        Assert.Equal("GitHub rejected the token (HTTP 401).", cut.Find("[data-testid=connection-error-message]").TextContent.Trim());
        Assert.Contains("2027-03-01 12:30:00 UTC", cut.Find("[data-testid=connection-token-expiry]").TextContent, StringComparison.Ordinal);
    }

    private void AddConnection(ConnectionRight right) =>
        Connections.Connections.Add(new ConnectionDto(
            ConnectionId, "Engineering GitHub", ToolKeys.GitHub, "http://127.0.0.1:5005", DateTimeOffset.UnixEpoch, null, null, null, Right: right));
}
