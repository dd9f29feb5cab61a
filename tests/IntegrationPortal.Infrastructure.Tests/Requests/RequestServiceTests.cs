using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Policies;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IntegrationPortal.Infrastructure.Tests.Requests.RequestTestBed;

namespace IntegrationPortal.Infrastructure.Tests.Requests;

public sealed class RequestServiceTests
{
    private static readonly Guid TemplateId = Guid.NewGuid();

    [Fact]
    public async Task Submit_InsideAutoApprovingTemplate_ApprovesAtOnce()
    {
        await using var bed = await StartAsync();
        bed.Templates.Matches.Add(new TemplateMatch(TemplateId, "Support bugs", 3, AutoApproves: true, []));

        var id = await bed.SubmitAsync();

        var request = await ReadAsync(bed, id);
        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.True(request.ApprovedByTemplate);
        Assert.Equal(TemplateId, request.TemplateId);
        Assert.Equal(3, request.TemplateVersion);
        var approval = await SingleEventAsync(bed, AuditActions.RequestApprovedByTemplate);
        Assert.Contains("Approved by template Support bugs, version 3.", approval.Details);
        Assert.Equal(RequesterName, approval.ActorName);
    }

    [Fact]
    public async Task Submit_ChecksFieldsOnBothSides()
    {
        await using var bed = await StartAsync();

        await bed.SubmitAsync();

        var subject = Assert.Single(bed.Policies.Subjects);
        Assert.Equal(ToolKeys.Redmine, subject.ToolA);
        Assert.Equal(ToolKeys.GitHub, subject.ToolB);
        Assert.Null(subject.ContainerA);
        Assert.Null(subject.ContainerB);
        Assert.Null(subject.Scope);
        Assert.Equal(["subject", "description", "status"], subject.Fields.Select(f => f.FieldA));
        Assert.All(subject.Fields, f => Assert.Equal(f.FieldA, f.FieldB));
        var shape = Assert.Single(bed.Templates.Shapes);
        Assert.Equal(["subject", "description", "status"], shape.Fields);
    }

    [Fact]
    public async Task Submit_WithPolicyViolation_WaitsForIt()
    {
        await using var bed = await StartAsync();
        bed.Templates.Matches.Add(new TemplateMatch(TemplateId, "Support bugs", 3, AutoApproves: true, []));
        bed.Policies.Violations.Add(new PolicyViolation("Redmine's field description is never synced.", "Fields"));

        var id = await bed.SubmitAsync();

        var request = await ReadAsync(bed, id);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.False(request.ApprovedByTemplate);
        Assert.Equal("Redmine's field description is never synced.", request.PolicyViolations);
        Assert.Equal(TemplateId, request.TemplateId);
        Assert.Equal(RequestService.ItQueueHolder, (await GetAsync(bed, id)).Request.Holder);
    }

    [Fact]
    public async Task Submit_OutsideTemplate_RecordsDifferences()
    {
        await using var bed = await StartAsync();
        bed.Templates.Matches.Add(new TemplateMatch(TemplateId, "Support bugs", 2, AutoApproves: true, ["The field priority is not in the template."]));

        var id = await bed.SubmitAsync();

        var detail = await GetAsync(bed, id);
        Assert.Equal(RequestStatus.Submitted, detail.Request.Status);
        Assert.Equal("Support bugs", detail.Request.TemplateName);
        Assert.Equal(["The field priority is not in the template."], detail.TemplateDifferences);
    }

    [Fact]
    public async Task Submit_BlockedTool_RoutesToIt()
    {
        await using var bed = await StartAsync();
        bed.Templates.Matches.Add(new TemplateMatch(TemplateId, "Support bugs", 1, AutoApproves: true, []));
        await using (var scope = bed.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var github = await db.Tools.SingleAsync(t => t.Key == ToolKeys.GitHub);
            github.ChangeStatus(ToolStatus.Blocked, "Under legal review.", DateTimeOffset.UnixEpoch);
            await db.SaveChangesAsync();
        }

        var id = await bed.SubmitAsync();

        var detail = await GetAsync(bed, id);
        Assert.Equal(RequestStatus.Submitted, detail.Request.Status);
        Assert.Equal(ToolStatus.Blocked, detail.ToolBStatus);
        Assert.Equal(ToolStatus.Approved, detail.ToolAStatus);
        Assert.Contains(detail.PolicyViolations, v => v.Contains("blocked in the tool catalog: Under legal review.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_UnlistedTool_IsAcceptedAndFlagged()
    {
        await using var bed = await StartAsync();

        var id = await bed.SubmitAsync(Command(toolB: "Asana"));

        var detail = await GetAsync(bed, id);
        Assert.Equal(RequestStatus.Submitted, detail.Request.Status);
        Assert.Equal("Asana", detail.Request.ToolB);
        Assert.Null(detail.ToolBStatus);
        Assert.Contains(detail.PolicyViolations, v => v.StartsWith("Asana is not in the tool catalog", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_ToolName_StoresCatalogKey()
    {
        await using var bed = await StartAsync();

        var id = await bed.SubmitAsync(Command(toolA: " GitHub "));

        Assert.Equal(ToolKeys.GitHub, (await ReadAsync(bed, id)).ToolA);
    }

    [Fact]
    public async Task Submit_PastWantedBy_NamesField()
    {
        await using var bed = await StartAsync();
        var command = Command();
        command.WantedBy = new DateOnly(2001, 1, 1);

        var error = await Assert.ThrowsAsync<ValidationException>(() => bed.SubmitAsync(command));

        Assert.Contains(error.Errors, e => e.PropertyName == nameof(SubmitRequestCommand.WantedBy));
    }

    [Fact]
    public async Task Draft_SaveEditSubmit()
    {
        await using var bed = await StartAsync();
        var draft = Command();
        draft.Justification = string.Empty;
        var id = await AsAsync(bed.Requester(), s => s.SaveDraftAsync(draft, CancellationToken.None));

        Assert.Equal(RequestStatus.Draft, (await ReadAsync(bed, id)).Status);
        Assert.Empty(await AsAsync(bed.Admin(), s => s.ListAllAsync(CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() => AsAsync(bed.Admin(), s => s.GetAsync(id, CancellationToken.None)));

        draft.DraftId = id;
        draft.UseCase = "Sync customer bugs to engineering";
        await AsAsync(bed.Requester(), s => s.SaveDraftAsync(draft, CancellationToken.None));
        draft.Justification = "Support and engineering copy every bug by hand today.";
        var submitted = await bed.SubmitAsync(draft);

        var request = await ReadAsync(bed, id);
        Assert.Equal(id, submitted);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Equal("Sync customer bugs to engineering", request.UseCase);
        Assert.Single(await AsAsync(bed.Admin(), s => s.ListAllAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task Draft_OfAnotherUser_IsForbidden()
    {
        await using var bed = await StartAsync();
        var id = await AsAsync(bed.Requester(), s => s.SaveDraftAsync(Command(), CancellationToken.None));
        var command = Command();
        command.DraftId = id;

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AsAsync(bed.Other(), s => s.SubmitAsync(command, CancellationToken.None)));
    }

    [Fact]
    public async Task NeedsInformation_RoundTrip()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();

        await AsAsync(bed.Admin(), s => s.StartReviewAsync(id, CancellationToken.None));
        await AsAsync(bed.Admin(), s => s.AskForInformationAsync(new() { RequestId = id, Text = "Which Redmine project?" }, CancellationToken.None));
        var asked = await AsAsync(bed.Requester(), s => s.GetAsync(id, CancellationToken.None));
        await AsAsync(bed.Requester(), s => s.ProvideInformationAsync(new() { RequestId = id, Text = "The Support project." }, CancellationToken.None));
        var answered = await GetAsync(bed, id);

        Assert.Equal(RequestStatus.NeedsInformation, asked.Request.Status);
        Assert.Equal(RequesterName, asked.Request.Holder);
        Assert.True(asked.Actions.CanAnswer);
        Assert.Equal(RequestStatus.InReview, answered.Request.Status);
        Assert.Equal(AdminName, answered.Request.Holder);
        Assert.Equal(["Which Redmine project?", "The Support project."], answered.Comments.Select(c => c.Text));
        Assert.Equal([AdminName, RequesterName], answered.Comments.Select(c => c.AuthorName));
        Assert.Equal(
            [AuditActions.RequestSubmitted, AuditActions.RequestReviewStarted, AuditActions.RequestInformationRequested, AuditActions.RequestInformationProvided],
            answered.Timeline.Select(t => t.Action));
        Assert.Equal("Asked the requester for more information.", answered.Timeline[2].Text);
    }

    [Fact]
    public async Task AskForInformation_assigns_asking_admin()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();

        await AsAsync(bed.Admin(), s => s.AskForInformationAsync(new() { RequestId = id, Text = "Which Redmine project?" }, CancellationToken.None));
        await AsAsync(bed.Requester(), s => s.ProvideInformationAsync(new() { RequestId = id, Text = "The Support project." }, CancellationToken.None));
        var answered = await GetAsync(bed, id);

        Assert.Equal(RequestStatus.InReview, answered.Request.Status);
        Assert.Equal(AdminName, answered.Request.Holder);
    }

    [Fact]
    public async Task Answer_ByOtherUser_IsForbidden()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();
        await AsAsync(bed.Admin(), s => s.AskForInformationAsync(new() { RequestId = id, Text = "Which project?" }, CancellationToken.None));

        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            AsAsync(bed.Other(), s => s.ProvideInformationAsync(new() { RequestId = id, Text = "Mine." }, CancellationToken.None)));

        Assert.Equal(RequestStatus.NeedsInformation, (await ReadAsync(bed, id)).Status);
    }

    [Fact]
    public async Task Decisions_NeedItAdmin()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AsAsync(bed.Requester(), s => s.ApproveAsync(id, CancellationToken.None)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AsAsync(bed.Requester(), s => s.StartReviewAsync(id, CancellationToken.None)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            AsAsync(bed.Requester(), s => s.AskForInformationAsync(new() { RequestId = id, Text = "?" }, CancellationToken.None)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            AsAsync(bed.Requester(), s => s.RejectAsync(new() { RequestId = id, Reason = "No." }, CancellationToken.None)));

        Assert.Equal(RequestStatus.Submitted, (await ReadAsync(bed, id)).Status);
    }

    [Fact]
    public async Task Request_OfAnotherUser_IsHidden()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => AsAsync(bed.Other(), s => s.GetAsync(id, CancellationToken.None)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            AsAsync(bed.Other(), s => s.AddCommentAsync(new() { RequestId = id, Text = "Me too." }, CancellationToken.None)));
    }

    [Fact]
    public async Task Reject_ThenRetire_IsRejected()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();
        await AsAsync(bed.Admin(), s => s.RejectAsync(new() { RequestId = id, Reason = "Use the Jira template." }, CancellationToken.None));

        var error = await Assert.ThrowsAsync<DomainException>(() => AsAsync(bed.Requester(), s => s.RetireAsync(id, CancellationToken.None)));

        Assert.Contains("rejected", error.Message);
        var detail = await GetAsync(bed, id);
        Assert.Equal("Use the Jira template.", detail.Request.DecisionReason);
        Assert.Equal(RequestService.NoHolder, detail.Request.Holder);
        Assert.Equal("Rejected the request: Use the Jira template.", detail.Timeline[^1].Text);
    }

    [Fact]
    public async Task Retire_ByRequester_AfterApproval()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();
        await AsAsync(bed.Admin(), s => s.ApproveAsync(id, CancellationToken.None));

        await AsAsync(bed.Requester(), s => s.RetireAsync(id, CancellationToken.None));

        Assert.Equal(RequestStatus.Retired, (await ReadAsync(bed, id)).Status);
        Assert.Equal(AuditActions.RequestRetired, (await GetAsync(bed, id)).Timeline[^1].Action);
    }

    [Fact]
    public async Task Suggest_FindsSimilarOpenRequests()
    {
        await using var bed = await StartAsync();
        var similar = await bed.SubmitAsync(Command(useCase: "Sync support bugs to engineering issues"));
        await bed.SubmitAsync(Command(useCase: "Copy invoices into the finance board"));
        bed.Templates.Matches.Add(new TemplateMatch(TemplateId, "Support bugs", 4, AutoApproves: true, []));

        var suggestions = await AsAsync(bed.Other(), s => s.SuggestAsync(
            new SuggestRequestQuery(ToolKeys.GitHub, "Redmine", "Sync support bug into engineering", "subject", Domain.Flows.SyncDirection.Both, Domain.Policies.DataClassification.Internal),
            CancellationToken.None));

        var found = Assert.Single(suggestions.Similar);
        Assert.Equal(similar, found.Id);
        var template = Assert.Single(suggestions.Templates);
        Assert.True(template.ApprovesAtOnce);
        Assert.Equal(ToolKeys.Redmine, bed.Templates.Shapes[^1].ToolB);
    }

    [Fact]
    public async Task Suggest_IgnoresToolNamesInUseCases()
    {
        await using var bed = await StartAsync();
        await bed.SubmitAsync(Command(useCase: "Redmine wiki to GitHub"));

        // Both use cases name the two tools, which every request of the pair may do, so only "wiki" and "bugs" count.
        var suggestions = await AsAsync(bed.Other(), s => s.SuggestAsync(
            new SuggestRequestQuery(ToolKeys.Redmine, ToolKeys.GitHub, "Redmine bugs to GitHub", string.Empty, Domain.Flows.SyncDirection.Both, Domain.Policies.DataClassification.Internal),
            CancellationToken.None));

        Assert.Empty(suggestions.Similar);
    }

    [Fact]
    public async Task Suggest_SkipsOwnRequests()
    {
        await using var bed = await StartAsync();
        await bed.SubmitAsync();

        var suggestions = await AsAsync(bed.Requester(), s => s.SuggestAsync(
            new SuggestRequestQuery(ToolKeys.Redmine, ToolKeys.GitHub, "Sync support bugs to engineering issues", string.Empty, Domain.Flows.SyncDirection.Both, Domain.Policies.DataClassification.Internal),
            CancellationToken.None));

        Assert.Empty(suggestions.Similar);
    }

    [Fact]
    public async Task Follow_ListsRequestAsFollowed()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();

        await AsAsync(bed.Other(), s => s.FollowAsync(id, CancellationToken.None));
        await AsAsync(bed.Other(), s => s.FollowAsync(id, CancellationToken.None));
        var mine = await AsAsync(bed.Other(), s => s.ListMineAsync(CancellationToken.None));
        var detail = await AsAsync(bed.Other(), s => s.GetAsync(id, CancellationToken.None));

        var listed = Assert.Single(mine);
        Assert.True(listed.IsFollowed);
        Assert.Equal([OtherName], detail.Followers);
        Assert.False(detail.Actions.CanFollow);
        Assert.False(detail.Actions.CanComment);
    }

    [Fact]
    public async Task Follow_OwnRequest_IsRejected()
    {
        await using var bed = await StartAsync();
        var id = await bed.SubmitAsync();

        await Assert.ThrowsAsync<DomainException>(() => AsAsync(bed.Requester(), s => s.FollowAsync(id, CancellationToken.None)));
    }

    internal static async Task<IntegrationRequest> ReadAsync(RequestTestBed bed, Guid id)
    {
        await using var scope = bed.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Requests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private static Task<RequestDetailDto> GetAsync(RequestTestBed bed, Guid id) =>
        AsAsync(bed.Admin(), s => s.GetAsync(id, CancellationToken.None));

    private static async Task<Domain.Audit.AuditEvent> SingleEventAsync(RequestTestBed bed, string action)
    {
        await using var scope = bed.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.SingleAsync(e => e.Action == action);
    }
}
