using IntegrationPortal.Application.Requests;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeRequestService : IRequestService
{
    public List<RequestDto> Requests { get; } = [];

    public List<SubmitRequestCommand> Submitted { get; } = [];

    public List<Guid> Approved { get; } = [];

    public List<RejectRequestCommand> Rejected { get; } = [];

    public Task<Guid> SubmitAsync(SubmitRequestCommand command, CancellationToken cancellationToken)
    {
        Submitted.Add(command);
        return Task.FromResult(Guid.NewGuid());
    }

    public Task<IReadOnlyList<RequestDto>> ListMineAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RequestDto>>(Requests);

    public Task<IReadOnlyList<RequestDto>> ListAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RequestDto>>(Requests);

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
}
