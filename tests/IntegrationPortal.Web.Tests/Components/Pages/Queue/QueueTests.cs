using Bunit;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;
using QueuePage = IntegrationPortal.Web.Components.Pages.Queue.Queue;

namespace IntegrationPortal.Web.Tests.Components.Pages.Queue;

public sealed class QueueTests : PortalTestContext
{
    private static readonly Guid SubmittedId = Guid.NewGuid();

    public QueueTests()
    {
        Requests.Requests.Add(Request(Guid.NewGuid(), RequestStatus.Approved));
        Requests.Requests.Add(Request(SubmittedId, RequestStatus.Submitted));
    }

    [Fact]
    public void Queue_ListsSubmittedFirst()
    {
        RenderProviders();
        var cut = Render<QueuePage>();

        var statuses = cut.FindAll("[data-testid=queue-status]").Select(e => e.TextContent.Trim()).ToList();

        Assert.Equal(["Submitted", "Approved"], statuses);
    }

    [Fact]
    public async Task Approve_CallsService()
    {
        RenderProviders();
        var cut = Render<QueuePage>();

        await cut.Find("[data-testid=queue-approve]").ClickAsync(new());

        Assert.Equal([SubmittedId], Requests.Approved);
    }

    [Fact]
    public async Task Reject_RequiresReason()
    {
        var providers = RenderProviders();
        var cut = Render<QueuePage>();

        // The click's handler waits for the dialog, so it finishes only once the dialog closes.
        var rejecting = cut.Find("[data-testid=queue-reject]").ClickAsync(new());
        await providers.WaitForElement("#reason-confirm").ClickAsync(new());

        Assert.Contains("Give the requester a reason for the rejection.", providers.Markup);
        Assert.Empty(Requests.Rejected);

        providers.Find("#reason-text").Input("Use the approved Jira template instead.");
        await providers.Find("#reason-confirm").ClickAsync(new());
        await rejecting;

        var command = Assert.Single(Requests.Rejected);
        Assert.Equal(SubmittedId, command.RequestId);
        Assert.Equal("Use the approved Jira template instead.", command.Reason);
    }

    private static RequestDto Request(Guid id, RequestStatus status) => new(
        id, "requester", ToolKeys.Redmine, ToolKeys.GitHub, $"Use case {id}", "title", SyncDirection.Both,
        "Bugs are copied by hand today.", status, DateTimeOffset.UnixEpoch,
        status == RequestStatus.Submitted ? null : "admin", null, null);
}
