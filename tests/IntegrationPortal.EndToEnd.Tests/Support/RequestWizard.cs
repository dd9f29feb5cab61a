using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IntegrationPortal.EndToEnd.Tests.Support;

/// <summary>What a requester types into the request wizard. Tools are picked by their catalog names.</summary>
public sealed record RequestInput(string ToolA, string ToolB, string UseCase, string Fields, string Justification);

/// <summary>The request wizard at /requests/new, driven step by step as a requester goes through it.</summary>
public static partial class RequestWizard
{
    /// <summary>
    /// Opens the wizard and fills every step, stopping on the last one before submitting, so a test
    /// can read the template and similar-request suggestions first.
    /// </summary>
    public static async Task FillAsync(PortalPage requester, RequestInput input)
    {
        await requester.OpenAsync("/requests/new");
        await requester.SelectAsync("#request-tool-a", input.ToolA);
        await requester.SelectAsync("#request-tool-b", input.ToolB);
        await requester.Page.ClickAsync("#wizard-next");
        await requester.Page.FillAsync("#request-usecase", input.UseCase);
        await requester.Page.ClickAsync("#wizard-next");
        await requester.Page.FillAsync("#request-fields", input.Fields);
        await requester.Page.ClickAsync("#wizard-next");
        await requester.Page.FillAsync("#request-justification", input.Justification);
    }

    /// <summary>Submits the filled wizard, waits for the new request's page and returns the request's id.</summary>
    public static async Task<string> SubmitAsync(PortalPage requester)
    {
        await requester.Page.ClickAsync("#request-submit");
        await requester.Page.WaitForURLAsync(RequestPage());
        await Assertions.Expect(requester.Page.Locator("#request-status")).ToBeVisibleAsync();
        return new Uri(requester.Page.Url).Segments[^1];
    }

    /// <summary>Fills every step, submits and returns the new request's id.</summary>
    public static async Task<string> FillAndSubmitAsync(PortalPage requester, RequestInput input)
    {
        await FillAsync(requester, input);
        return await SubmitAsync(requester);
    }

    [GeneratedRegex("/requests/[0-9a-f-]{36}$")]
    private static partial Regex RequestPage();
}
