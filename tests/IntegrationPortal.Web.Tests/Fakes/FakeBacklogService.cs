using IntegrationPortal.Application.Requests.Backlog;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Web.Tests.Fakes;

/// <summary>Serves <see cref="View"/> and previews actions by the domain's transition table, recording every call.</summary>
public sealed class FakeBacklogService : IBacklogService
{
    public BacklogView View { get; set; } = new([], 5);

    public List<AssigneeDto> Assignees { get; } = [];

    public List<BacklogFilter> Filters { get; } = [];

    public List<BacklogActionCommand> Previewed { get; } = [];

    public List<(BacklogPreview Preview, BacklogActionCommand Command)> Applied { get; } = [];

    public List<AssignRequestsCommand> Assigned { get; } = [];

    public Task<BacklogView> ListAsync(BacklogFilter filter, CancellationToken cancellationToken)
    {
        Filters.Add(new BacklogFilter
        {
            Status = filter.Status,
            ToolPair = filter.ToolPair,
            AssigneeId = filter.AssigneeId,
            TemplateMatched = filter.TemplateMatched,
            MinAgeDays = filter.MinAgeDays,
        });
        return Task.FromResult(View);
    }

    public Task<IReadOnlyList<AssigneeDto>> ListAssigneesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AssigneeDto>>(Assignees);

    public Task AssignAsync(AssignRequestsCommand command, CancellationToken cancellationToken)
    {
        Assigned.Add(command);
        return Task.CompletedTask;
    }

    public Task<BacklogPreview> PreviewAsync(BacklogActionCommand command, CancellationToken cancellationToken)
    {
        Previewed.Add(command);
        var to = command.Action switch
        {
            BacklogAction.StartReview => RequestStatus.InReview,
            BacklogAction.Reject => RequestStatus.Rejected,
            _ => RequestStatus.Approved,
        };
        var requests = command.RequestIds.Select(id => View.Groups.SelectMany(g => g.Requests).Single(r => r.Id == id)).ToList();
        var changes = requests.Where(r => IntegrationRequest.CanMove(r.Status, to))
            .Select(r => new PreviewChange(r.Id, r.RequesterName, r.UseCase, r.Status, to))
            .ToList();
        var skipped = requests.Where(r => !IntegrationRequest.CanMove(r.Status, to))
            .Select(r => new PreviewSkip(r.Id, r.RequesterName, r.UseCase, r.Status, $"It is {IntegrationRequest.Describe(r.Status)}."))
            .ToList();
        return Task.FromResult(new BacklogPreview(command.Action, changes, skipped));
    }

    public Task<BacklogOutcome> ApplyAsync(BacklogPreview preview, BacklogActionCommand command, CancellationToken cancellationToken)
    {
        Applied.Add((preview, command));
        var template = command.Action == BacklogAction.TurnIntoTemplate ? command.TemplateName : null;
        return Task.FromResult(new BacklogOutcome(preview.Changes.Count, template is null ? null : Guid.NewGuid(), template));
    }
}
