using Microsoft.Playwright;

namespace IntegrationPortal.EndToEnd.Tests.Support;

/// <summary>One user's browser tab on the portal, with the steps the journey repeats.</summary>
public sealed class PortalPage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task SignInAsync(string email, string password)
    {
        await Page.GotoAsync("/account/login");
        await Page.FillAsync("#login-email", email);
        await Page.FillAsync("#login-password", password);
        await Page.ClickAsync("#login-submit");
        await Page.Locator("#signed-in-user").WaitForAsync();
        await WaitForCircuitAsync();
    }

    /// <summary>Opens a page of the portal and waits until its interactive circuit is connected.</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForCircuitAsync();
    }

    /// <summary>
    /// Picks an option of a MudSelect by its visible text. <paramref name="selector"/> finds the
    /// element that carries the select's id or test id, which MudBlazor puts on a hidden input.
    /// </summary>
    public async Task SelectAsync(string selector, string optionText)
    {
        await SelectAsync(Page.Locator(selector), optionText);
    }

    /// <summary>
    /// Opens the select and clicks the option. A select whose options are still loading (or that
    /// is disabled until then) is opened again until the option appears or a minute passes.
    /// </summary>
    public async Task SelectAsync(ILocator select, string optionText)
    {
        var control = select.Locator("xpath=ancestor-or-self::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-select ')][1]");
        var options = Page.Locator(".mud-popover-open .mud-list-item");
        var option = options.Filter(new() { HasTextString = optionText }).First;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            await control.ClickAsync();
            try
            {
                await option.ClickAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                await Page.Keyboard.PressAsync("Escape");
            }
        }

        await options.First.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }

    public async Task ClickAndConfirmReasonAsync(ILocator button, string? reason)
    {
        await button.ClickAsync();
        if (reason is not null)
        {
            await Page.FillAsync("#reason-text", reason);
        }

        await Page.ClickAsync("#reason-confirm");
    }

    /// <summary>
    /// Waits for Blazor's circuit, because a click before it connects reaches only the prerendered HTML.
    /// </summary>
    private async Task WaitForCircuitAsync()
    {
        await Page.Locator("#circuit-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }
}
