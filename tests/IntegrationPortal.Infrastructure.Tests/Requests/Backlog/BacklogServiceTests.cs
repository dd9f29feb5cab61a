using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Application.Requests.Backlog;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Requests.Backlog;

/// <summary>The IT queue's listing and bulk decisions on real SQLite, with fakes of the template factory and notifier.</summary>
public sealed class BacklogServiceTests : IAsyncLifetime
{
    private BacklogTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await BacklogTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task List_groups_open_requests_with_age_and_sla()
    {
        var first = await _bed.AddAsync("Customer bug reports to issues", daysAgo: 6);
        var second = await _bed.AddAsync("Customer bug reports as issues for the app team", daysAgo: 4.5);
        var single = await _bed.AddAsync("Release notes to the wiki", daysAgo: 1);
        await _bed.AddAsync("Customer bug reports", daysAgo: 2, (r, at) => r.Approve("ivan@example.com", at));

        await using var admin = _bed.Admin();
        var view = await Service(admin).ListAsync(new BacklogFilter(), CancellationToken.None);

        Assert.Equal(3, view.RequestCount);
        Assert.Equal(2, view.DecisionsNeeded);
        var group = view.Groups[0];
        Assert.Equal(first, group.Key);
        Assert.Equal([first, second], group.Requests.Select(r => r.Id));
        Assert.Equal(TimeSpan.FromDays(6), group.OldestAge);
        Assert.Equal(SlaState.Overdue, group.Requests[0].Sla);
        Assert.Equal(SlaState.DueSoon, group.Requests[1].Sla);
        Assert.Equal(SlaState.Overdue, group.WorstSla);
        Assert.Equal(single, Assert.Single(view.Groups[1].Requests).Id);
        Assert.Equal(SlaState.OnTrack, view.Groups[1].WorstSla);
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task List_applies_filters_in_query(string provider)
    {
        await using var bed = await BacklogTestBed.StartAsync(provider);
        var old = await bed.AddAsync("Customer bug reports", daysAgo: 8);
        var reviewing = await bed.AddAsync("Customer bug reports", daysAgo: 3, (r, at) => r.StartReview(at));
        var helpdesk = await bed.AddAsync("Helpdesk tickets", daysAgo: 1, toolA: "redmine", toolB: "redmine");

        await using var admin = bed.Admin();
        var service = Service(admin);

        Assert.Equal([old], await IdsAsync(service, new BacklogFilter { MinAgeDays = 5 }));
        Assert.Equal([reviewing], await IdsAsync(service, new BacklogFilter { Status = RequestStatus.InReview }));
        Assert.Equal([helpdesk], await IdsAsync(service, new BacklogFilter { ToolPair = "redmine+redmine" }));
        Assert.Equal([old, reviewing], await IdsAsync(service, new BacklogFilter { ToolPair = "redmine+github" }));
        Assert.Equal(3, (await IdsAsync(service, new BacklogFilter { AssigneeId = BacklogFilter.Unassigned })).Count);
        Assert.Empty(await IdsAsync(service, new BacklogFilter { TemplateMatched = true }));
    }

    [Fact]
    public async Task List_rejects_closed_status_filter()
    {
        await using var admin = _bed.Admin();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Service(admin).ListAsync(new BacklogFilter { Status = RequestStatus.Approved }, CancellationToken.None));

        Assert.Equal(nameof(BacklogFilter.Status), Assert.Single(error.Errors).PropertyName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(99_999_999)]
    public async Task List_rejects_age_filter_out_of_range(int days)
    {
        await using var admin = _bed.Admin();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Service(admin).ListAsync(new BacklogFilter { MinAgeDays = days }, CancellationToken.None));

        var failure = Assert.Single(error.Errors);
        Assert.Equal(nameof(BacklogFilter.MinAgeDays), failure.PropertyName);
        Assert.Contains($"{BacklogFilter.MaxAgeDays}", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_lists_changes_and_skips()
    {
        var submitted = await _bed.AddAsync("Customer bug reports", daysAgo: 3);
        var reviewing = await _bed.AddAsync("Customer bug reports", daysAgo: 2, (r, at) => r.StartReview(at));
        var waiting = await _bed.AddAsync("Customer bug reports", daysAgo: 1, (r, at) => r.AskForInformation(at));

        await using var admin = _bed.Admin();
        var preview = await Service(admin).PreviewAsync(Command(BacklogAction.Approve, submitted, reviewing, waiting), CancellationToken.None);

        Assert.Equal(
            [(submitted, RequestStatus.Submitted, RequestStatus.Approved), (reviewing, RequestStatus.InReview, RequestStatus.Approved)],
            preview.Changes.Select(c => (c.RequestId, c.From, c.To)));
        var skip = Assert.Single(preview.Skipped);
        Assert.Equal(waiting, skip.RequestId);
        Assert.Equal("It is waiting for information, so it cannot become approved.", skip.Reason);
    }

    [Fact]
    public async Task Apply_changes_exactly_the_previewed_set()
    {
        var submitted = await _bed.AddAsync("Customer bug reports", daysAgo: 3);
        var waiting = await _bed.AddAsync("Customer bug reports", daysAgo: 1, (r, at) => r.AskForInformation(at));
        var outside = await _bed.AddAsync("Customer bug reports", daysAgo: 2);

        await using var admin = _bed.Admin();
        var service = Service(admin);
        var command = Command(BacklogAction.Approve, submitted, waiting);
        var preview = await service.PreviewAsync(command, CancellationToken.None);
        var outcome = await service.ApplyAsync(preview, command, CancellationToken.None);

        Assert.Equal(1, outcome.Changed);
        Assert.Equal(RequestStatus.Approved, (await _bed.FindAsync(submitted)).Status);
        Assert.Equal(BacklogTestBed.AdminName, (await _bed.FindAsync(submitted)).DecidedBy);
        Assert.Equal(RequestStatus.NeedsInformation, (await _bed.FindAsync(waiting)).Status);
        Assert.Equal(RequestStatus.Submitted, (await _bed.FindAsync(outside)).Status);
        Assert.Equal([AuditActions.RequestApproved], await _bed.AuditActionsForAsync(submitted));
        Assert.Empty(await _bed.AuditActionsForAsync(waiting));
        Assert.Equal([(submitted, RequestStatus.Submitted, RequestStatus.Approved, BacklogTestBed.AdminName)], _bed.Notifier.Changes);
    }

    [Fact]
    public async Task Apply_after_stale_preview_changes_nothing()
    {
        var first = await _bed.AddAsync("Customer bug reports", daysAgo: 3);
        var second = await _bed.AddAsync("Customer bug reports", daysAgo: 2);

        await using var admin = _bed.Admin();
        var service = Service(admin);
        var approve = Command(BacklogAction.Approve, first, second);
        var preview = await service.PreviewAsync(approve, CancellationToken.None);
        var reject = Command(BacklogAction.Reject, second);
        reject.Reason = "Use the existing bug template.";
        await service.ApplyAsync(await service.PreviewAsync(reject, CancellationToken.None), reject, CancellationToken.None);

        var error = await Assert.ThrowsAsync<DomainException>(() => service.ApplyAsync(preview, approve, CancellationToken.None));

        Assert.Contains("rejected now, not submitted as previewed", error.Message, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Submitted, (await _bed.FindAsync(first)).Status);
        Assert.Empty(await _bed.AuditActionsForAsync(first));
    }

    [Fact]
    public async Task Reject_group_records_reason_per_request()
    {
        var first = await _bed.AddAsync("Customer bug reports", daysAgo: 3);
        var second = await _bed.AddAsync("Customer bug reports", daysAgo: 2, (r, at) => r.StartReview(at));

        await using var admin = _bed.Admin();
        var service = Service(admin);
        var command = Command(BacklogAction.Reject, first, second);
        command.Reason = "  Use the existing bug template.  ";
        await service.ApplyAsync(await service.PreviewAsync(command, CancellationToken.None), command, CancellationToken.None);

        foreach (var id in new[] { first, second })
        {
            var request = await _bed.FindAsync(id);
            Assert.Equal(RequestStatus.Rejected, request.Status);
            Assert.Equal("Use the existing bug template.", request.DecisionReason);
            Assert.Equal([AuditActions.RequestRejected], await _bed.AuditActionsForAsync(id));
        }

        Assert.Equal([RequestStatus.Submitted, RequestStatus.InReview], _bed.Notifier.Changes.Select(c => c.Before));
    }

    [Fact]
    public async Task Reject_without_reason_is_not_applied()
    {
        var id = await _bed.AddAsync("Customer bug reports", daysAgo: 3);

        await using var admin = _bed.Admin();
        var service = Service(admin);
        var command = Command(BacklogAction.Reject, id);
        command.Reason = "   ";
        var preview = await service.PreviewAsync(command, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ValidationException>(() => service.ApplyAsync(preview, command, CancellationToken.None));

        Assert.Equal(nameof(BacklogActionCommand.Reason), Assert.Single(error.Errors).PropertyName);
        Assert.Equal(RequestStatus.Submitted, (await _bed.FindAsync(id)).Status);
    }

    [Fact]
    public async Task Turn_into_template_approves_group_by_template()
    {
        var first = await _bed.AddAsync("Customer bug reports", daysAgo: 3);
        var second = await _bed.AddAsync("Customer bug reports for the app team", daysAgo: 2, (r, at) => r.StartReview(at));
        var waiting = await _bed.AddAsync("Customer bug reports", daysAgo: 1, (r, at) => r.AskForInformation(at));

        await using var admin = _bed.Admin();
        var service = Service(admin);
        var command = Command(BacklogAction.TurnIntoTemplate, first, second, waiting);
        command.TemplateName = "Customer bugs to GitHub";
        var preview = await service.PreviewAsync(command, CancellationToken.None);
        var outcome = await service.ApplyAsync(preview, command, CancellationToken.None);

        var call = Assert.Single(_bed.Templates.Calls);
        Assert.Equal("Customer bugs to GitHub", call.Name);
        Assert.Equal([first, second], call.RequestIds);
        Assert.Equal(_bed.Templates.TemplateId, outcome.TemplateId);
        foreach (var id in new[] { first, second })
        {
            var request = await _bed.FindAsync(id);
            Assert.Equal(RequestStatus.Approved, request.Status);
            Assert.True(request.ApprovedByTemplate);
            Assert.Equal(_bed.Templates.TemplateId, request.TemplateId);
            Assert.Equal([AuditActions.RequestApprovedByTemplate], await _bed.AuditActionsForAsync(id));
        }

        Assert.Equal(RequestStatus.NeedsInformation, (await _bed.FindAsync(waiting)).Status);
        Assert.Equal(2, _bed.Notifier.Changes.Count);
    }

    [Fact]
    public async Task Turn_into_template_rejects_mixed_tool_pairs()
    {
        var first = await _bed.AddAsync("Customer bug reports", daysAgo: 3);
        var second = await _bed.AddAsync("Customer bug reports", daysAgo: 2, toolA: "redmine", toolB: "redmine");

        await using var admin = _bed.Admin();
        var command = Command(BacklogAction.TurnIntoTemplate, first, second);
        command.TemplateName = "Customer bugs";
        var error = await Assert.ThrowsAsync<ValidationException>(() => Service(admin).PreviewAsync(command, CancellationToken.None));

        Assert.Contains("github+redmine, redmine+redmine", Assert.Single(error.Errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_bed.Templates.Calls);
    }

    [Fact]
    public async Task Start_review_assigns_unassigned_requests_to_admin()
    {
        var id = await _bed.AddAsync("Customer bug reports", daysAgo: 3);

        await using var admin = _bed.Admin();
        var service = Service(admin);
        var command = Command(BacklogAction.StartReview, id);
        await service.ApplyAsync(await service.PreviewAsync(command, CancellationToken.None), command, CancellationToken.None);

        var request = await _bed.FindAsync(id);
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Equal(BacklogTestBed.AdminName, request.HolderName);
        Assert.Equal([AuditActions.RequestReviewStarted], await _bed.AuditActionsForAsync(id));
    }

    [Fact]
    public async Task Assign_rejects_user_without_admin_role()
    {
        var id = await _bed.AddAsync("Customer bug reports", daysAgo: 3);

        await using var admin = _bed.Admin();
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Service(admin).AssignAsync(new AssignRequestsCommand { RequestIds = [id], AssigneeId = "u-nobody" }, CancellationToken.None));

        Assert.Equal(nameof(AssignRequestsCommand.AssigneeId), Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public async Task Unassign_returns_request_to_shared_queue_with_audit()
    {
        var id = await _bed.AddAsync("Customer bug reports", daysAgo: 3, (r, _) => r.AssignTo("u-other", "olga@example.com"));

        await using var admin = _bed.Admin();
        await Service(admin).AssignAsync(new AssignRequestsCommand { RequestIds = [id], AssigneeId = null }, CancellationToken.None);

        Assert.Null((await _bed.FindAsync(id)).AssigneeId);
        Assert.Equal([AuditActions.RequestAssigned], await _bed.AuditActionsForAsync(id));
    }

    [Theory]
    [InlineData(BacklogAction.StartReview, "Started the review.")]
    [InlineData(BacklogAction.Approve, "Approved the request.")]
    [InlineData(BacklogAction.Reject, "Rejected the request: Use the existing bug template.")]
    [InlineData(BacklogAction.TurnIntoTemplate, "Approved by template Customer bugs to GitHub, version 1.")]
    public async Task Apply_writes_sentence_to_request_history(BacklogAction action, string expected)
    {
        var id = await _bed.AddAsync("Customer bug reports", daysAgo: 3);

        await using var admin = _bed.Admin();
        var command = Command(action, id);
        command.Reason = "Use the existing bug template.";
        command.TemplateName = "Customer bugs to GitHub";
        var service = Service(admin);
        await service.ApplyAsync(await service.PreviewAsync(command, CancellationToken.None), command, CancellationToken.None);
        var detail = await admin.ServiceProvider.GetRequiredService<IRequestService>().GetAsync(id, CancellationToken.None);

        var entry = Assert.Single(detail.Timeline);
        Assert.Equal(expected, entry.Text);
        Assert.Equal(BacklogTestBed.AdminName, entry.ActorName);
    }

    [Fact]
    public async Task Requester_cannot_use_queue()
    {
        var id = await _bed.AddAsync("Customer bug reports", daysAgo: 3);

        await using var requester = _bed.Host.ScopeFor(BacklogTestBed.RequesterId, BacklogTestBed.RequesterName, Roles.Requester);
        var service = Service(requester);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => service.ListAsync(new BacklogFilter(), CancellationToken.None));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => service.PreviewAsync(Command(BacklogAction.Approve, id), CancellationToken.None));
    }

    private static IBacklogService Service(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IBacklogService>();

    private static BacklogActionCommand Command(BacklogAction action, params Guid[] ids) => new() { Action = action, RequestIds = [.. ids] };

    private static async Task<List<Guid>> IdsAsync(IBacklogService service, BacklogFilter filter) =>
        [.. (await service.ListAsync(filter, CancellationToken.None)).Groups.SelectMany(g => g.Requests).Select(r => r.Id)];
}
