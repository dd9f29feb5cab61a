using Bunit;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Web.Components.Pages.Requests;

namespace IntegrationPortal.Web.Tests.Components.Pages.Requests;

public sealed class RequestDetailTests : PortalTestContext
{
    public static readonly RequestActions NoActions = new(false, false, false, false, false, false, false, false, false);

    private static readonly Guid RequestId = Guid.NewGuid();

    [Fact]
    public void Page_ShowsStatusHolderAndFindings()
    {
        var detail = Detail(RequestId, RequestStatus.Submitted, NoActions) with
        {
            ToolBStatus = null,
            PolicyViolations = ["Asana is not in the tool catalog, so IT has to decide whether it may be connected at all."],
            TemplateDifferences = ["The field priority is not in the template."],
            Request = Detail(RequestId, RequestStatus.Submitted, NoActions).Request with { TemplateName = "Support bugs", TemplateVersion = 2 },
        };
        Requests.Details[RequestId] = detail;

        var cut = Render<RequestDetail>(parameters => parameters.Add(p => p.RequestId, RequestId));

        Assert.Equal("Submitted", cut.Find("#request-status").TextContent.Trim());
        Assert.Contains("Held by IT queue.", cut.Find("#request-holder").TextContent);
        Assert.Contains("Not in the catalog", cut.FindAll("[data-testid=request-tool-status]")[1].TextContent);
        Assert.Contains("Asana is not in the tool catalog", cut.Find("[data-testid=request-violation]").TextContent);
        Assert.Contains("The field priority is not in the template.", cut.Find("[data-testid=request-difference]").TextContent);
        Assert.NotNull(cut.Find("#request-no-actions"));
    }

    [Fact]
    public void Page_ListsTimelineCommentsAndFlows()
    {
        var flowId = Guid.NewGuid();
        Requests.Details[RequestId] = Detail(RequestId, RequestStatus.Live, NoActions) with
        {
            Comments = [new RequestCommentDto(Guid.NewGuid(), "ivan@example.com", "Which project?", DateTimeOffset.UnixEpoch)],
            Timeline =
            [
                new RequestTimelineEntry(DateTimeOffset.UnixEpoch, "rita@example.com", "request.submitted", "Submitted the request."),
                new RequestTimelineEntry(DateTimeOffset.UnixEpoch, "ivan@example.com", "request.approved", "Approved the request."),
            ],
            Flows = [new RequestFlowDto(flowId, "Support to engineering", FlowStatus.Active)],
        };

        var cut = Render<RequestDetail>(parameters => parameters.Add(p => p.RequestId, RequestId));

        Assert.Equal(
            ["Submitted the request.", "Approved the request."],
            cut.FindAll("[data-testid=request-timeline-entry]").Select(e => e.QuerySelector("p")!.TextContent.Trim()));
        Assert.Contains("Which project?", cut.Find("[data-testid=request-comment]").TextContent);
        Assert.Contains($"/flows/{flowId}", cut.Find("[data-testid=request-flow] a").GetAttribute("href"));
    }

    [Fact]
    public async Task Admin_AsksForInformation()
    {
        Requests.Details[RequestId] = Detail(RequestId, RequestStatus.InReview, NoActions with { CanAskForInformation = true, CanDecide = true, CanComment = true });
        RenderProviders();
        var cut = Render<RequestDetail>(parameters => parameters.Add(p => p.RequestId, RequestId));

        cut.Find("#request-comment-text").Input("Which Redmine project?");
        await cut.Find("#request-ask").ClickAsync(new());

        var (kind, command) = Assert.Single(Requests.Comments);
        Assert.Equal("ask", kind);
        Assert.Equal(RequestId, command.RequestId);
        Assert.Equal("Which Redmine project?", command.Text);
        Assert.Empty(cut.FindAll("#request-answer"));
    }

    [Fact]
    public async Task Requester_AnswersQuestion()
    {
        Requests.Details[RequestId] = Detail(RequestId, RequestStatus.NeedsInformation, NoActions with { CanAnswer = true, CanComment = true });
        RenderProviders();
        var cut = Render<RequestDetail>(parameters => parameters.Add(p => p.RequestId, RequestId));

        cut.Find("#request-comment-text").Input("The Support project.");
        await cut.Find("#request-answer").ClickAsync(new());

        var (kind, command) = Assert.Single(Requests.Comments);
        Assert.Equal("answer", kind);
        Assert.Equal("The Support project.", command.Text);
        Assert.Empty(cut.FindAll("#request-approve"));
        Assert.Empty(cut.FindAll("#request-ask"));
    }

    [Fact]
    public async Task Admin_ApprovesAndStartsReview()
    {
        Requests.Details[RequestId] = Detail(RequestId, RequestStatus.Submitted, NoActions with { CanStartReview = true, CanDecide = true });
        RenderProviders();
        var cut = Render<RequestDetail>(parameters => parameters.Add(p => p.RequestId, RequestId));

        await cut.Find("#request-start-review").ClickAsync(new());
        await cut.Find("#request-approve").ClickAsync(new());

        Assert.Equal([RequestId], Requests.ReviewsStarted);
        Assert.Equal([RequestId], Requests.Approved);
    }

    [Fact]
    public async Task Reject_RequiresReason()
    {
        Requests.Details[RequestId] = Detail(RequestId, RequestStatus.InReview, NoActions with { CanDecide = true });
        var providers = RenderProviders();
        var cut = Render<RequestDetail>(parameters => parameters.Add(p => p.RequestId, RequestId));

        var rejecting = cut.Find("#request-reject").ClickAsync(new());
        await providers.WaitForElement("#reason-confirm").ClickAsync(new());
        Assert.Contains("Give the requester a reason for the rejection.", providers.Markup);
        providers.Find("#reason-text").Input("Use the Jira template.");
        await providers.Find("#reason-confirm").ClickAsync(new());
        await rejecting;

        var command = Assert.Single(Requests.Rejected);
        Assert.Equal("Use the Jira template.", command.Reason);
    }

    [Fact]
    public void Unknown_ShowsNotFound()
    {
        RenderProviders();
        var cut = Render<RequestDetail>(parameters => parameters.Add(p => p.RequestId, Guid.NewGuid()));

        Assert.NotNull(cut.Find("#request-missing"));
    }

    internal static RequestDetailDto Detail(Guid id, RequestStatus status, RequestActions actions) => new(
        new RequestDto(
            id, "rita@example.com", ToolKeys.Redmine, ToolKeys.GitHub, "Sync support bugs to engineering", "title, description",
            SyncDirection.Both, "Support copies every bug by hand today.", status, DateTimeOffset.UnixEpoch, null, null, null,
            Holder: status is RequestStatus.Submitted or RequestStatus.InReview ? "IT queue" : "rita@example.com"),
        "Bugs of the Support project",
        DataClassification.Internal,
        null,
        DateTimeOffset.UnixEpoch,
        ToolStatus.Approved,
        ToolStatus.Approved,
        [],
        [],
        [],
        [],
        [],
        [],
        actions);
}
