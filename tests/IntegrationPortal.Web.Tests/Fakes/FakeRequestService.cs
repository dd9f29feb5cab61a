using IntegrationPortal.Application.Requests;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeRequestService : IRequestService
{
    public List<RequestDto> Requests { get; } = [];

    public List<SubmitRequestCommand> Submitted { get; } = [];

    public List<SubmitRequestCommand> Drafts { get; } = [];

    public List<Guid> Approved { get; } = [];

    public List<RejectRequestCommand> Rejected { get; } = [];

    public List<Guid> Followed { get; } = [];

    public List<Guid> ReviewsStarted { get; } = [];

    public List<Guid> Retired { get; } = [];

    /// <summary>Comments by kind: "comment", "ask" or "answer".</summary>
    public List<(string Kind, RequestCommentCommand Command)> Comments { get; } = [];

    public List<SuggestRequestQuery> SuggestQueries { get; } = [];

    public RequestSuggestions Suggestions { get; set; } = RequestSuggestions.None;

    public Dictionary<Guid, RequestDetailDto> Details { get; } = [];

    public Guid NextId { get; set; } = Guid.NewGuid();

    public Task<Guid> SubmitAsync(SubmitRequestCommand command, CancellationToken cancellationToken)
    {
        Submitted.Add(Copy(command));
        return Task.FromResult(command.DraftId ?? NextId);
    }

    public Task<Guid> SaveDraftAsync(SubmitRequestCommand command, CancellationToken cancellationToken)
    {
        Drafts.Add(Copy(command));
        return Task.FromResult(command.DraftId ?? NextId);
    }

    public Task<IReadOnlyList<RequestDto>> ListMineAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RequestDto>>(Requests);

    public Task<IReadOnlyList<RequestDto>> ListAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RequestDto>>(Requests);

    public Task<RequestDetailDto> GetAsync(Guid requestId, CancellationToken cancellationToken) =>
        Details.TryGetValue(requestId, out var detail)
            ? Task.FromResult(detail)
            : Task.FromException<RequestDetailDto>(new Application.Common.NotFoundException("Request", requestId));

    public Task<RequestSuggestions> SuggestAsync(SuggestRequestQuery query, CancellationToken cancellationToken)
    {
        SuggestQueries.Add(query);
        return Task.FromResult(Suggestions);
    }

    public Task FollowAsync(Guid requestId, CancellationToken cancellationToken)
    {
        Followed.Add(requestId);
        return Task.CompletedTask;
    }

    public Task StartReviewAsync(Guid requestId, CancellationToken cancellationToken)
    {
        ReviewsStarted.Add(requestId);
        return Task.CompletedTask;
    }

    public Task AskForInformationAsync(RequestCommentCommand command, CancellationToken cancellationToken) => AddComment("ask", command);

    public Task ProvideInformationAsync(RequestCommentCommand command, CancellationToken cancellationToken) => AddComment("answer", command);

    public Task AddCommentAsync(RequestCommentCommand command, CancellationToken cancellationToken) => AddComment("comment", command);

    public Task ApproveAsync(Guid requestId, CancellationToken cancellationToken)
    {
        Approved.Add(requestId);
        return Task.CompletedTask;
    }

    public Task RejectAsync(RejectRequestCommand command, CancellationToken cancellationToken)
    {
        Rejected.Add(command);
        return Task.CompletedTask;
    }

    public Task RetireAsync(Guid requestId, CancellationToken cancellationToken)
    {
        Retired.Add(requestId);
        return Task.CompletedTask;
    }

    private Task AddComment(string kind, RequestCommentCommand command)
    {
        Comments.Add((kind, new RequestCommentCommand { RequestId = command.RequestId, Text = command.Text }));
        return Task.CompletedTask;
    }

    // The wizard keeps editing its command after a call, so the fake keeps what was sent at the time.
    private static SubmitRequestCommand Copy(SubmitRequestCommand command) => new()
    {
        DraftId = command.DraftId,
        ToolA = command.ToolA,
        ToolB = command.ToolB,
        UseCase = command.UseCase,
        Items = command.Items,
        Fields = command.Fields,
        Direction = command.Direction,
        Classification = command.Classification,
        Justification = command.Justification,
        WantedBy = command.WantedBy,
    };
}
