using IntegrationPortal.Application.Conflicts;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeConflictService : IConflictService
{
    public List<ConflictDto> Open { get; } = [];

    public List<ResolveConflictCommand> Resolved { get; } = [];

    /// <summary>Thrown by the next resolve instead of resolving, when set.</summary>
    public Exception? ResolveFailure { get; set; }

    public Task<IReadOnlyList<ConflictDto>> ListOpenAsync(Guid flowId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ConflictDto>>([.. Open.Where(c => c.FlowId == flowId)]);

    public Task<IReadOnlyDictionary<Guid, int>> CountOpenByFlowAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<Guid, int>>(Open.GroupBy(c => c.FlowId).ToDictionary(g => g.Key, g => g.Count()));

    public Task ResolveAsync(ResolveConflictCommand command, CancellationToken cancellationToken)
    {
        if (ResolveFailure is { } failure)
        {
            ResolveFailure = null;
            return Task.FromException(failure);
        }

        Resolved.Add(command);
        Open.RemoveAll(c => c.Id == command.ConflictId);
        return Task.CompletedTask;
    }
}
