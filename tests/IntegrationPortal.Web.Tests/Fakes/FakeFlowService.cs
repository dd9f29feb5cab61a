using IntegrationPortal.Application.Flows;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeFlowService : IFlowService
{
    public Guid NextId { get; set; } = Guid.NewGuid();

    public List<SaveFlowCommand> Created { get; } = [];

    public Dictionary<Guid, FlowDetailDto> Flows { get; } = [];

    public List<string> Calls { get; } = [];

    /// <summary>An error that <see cref="CreateAsync"/> throws instead of saving, such as a policy violation.</summary>
    public Exception? CreateError { get; set; }

    public Task<Guid> CreateAsync(SaveFlowCommand command, CancellationToken cancellationToken)
    {
        if (CreateError is not null)
        {
            return Task.FromException<Guid>(CreateError);
        }

        Created.Add(command);
        return Task.FromResult(NextId);
    }

    public Task ActivateAsync(Guid flowId, CancellationToken cancellationToken)
    {
        Calls.Add($"activate {flowId}");
        return Task.CompletedTask;
    }

    public Task PauseAsync(Guid flowId, string reason, CancellationToken cancellationToken)
    {
        Calls.Add($"pause {flowId} {reason}");
        return Task.CompletedTask;
    }

    public Task RunNowAsync(Guid flowId, CancellationToken cancellationToken)
    {
        Calls.Add($"run {flowId}");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FlowSummaryDto>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FlowSummaryDto>>([.. Flows.Values.Select(f => f.Summary)]);

    public Task<FlowDetailDto> GetAsync(Guid flowId, CancellationToken cancellationToken) => Task.FromResult(Flows[flowId]);
}
