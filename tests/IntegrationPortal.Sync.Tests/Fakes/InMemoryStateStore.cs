using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Engine;

namespace IntegrationPortal.Sync.Tests.Fakes;

public enum StoreOperation
{
    SaveLink,
    SaveCursors,
}

/// <summary>One save as <see cref="InMemoryStateStore.OnCall"/> receives it: before or after it was stored.</summary>
public sealed record StoreCall(StoreOperation Operation, bool Applied);

/// <summary>
/// A state store kept in memory. It stores copies, as a database would, so a change the engine
/// makes to a link after a failed save is not kept.
/// </summary>
public sealed class InMemoryStateStore : ISyncStateStore
{
    private readonly Dictionary<Guid, ItemLink> _links = [];

    public List<FieldChange> Changes { get; } = [];

    public List<FieldConflict> Conflicts { get; } = [];

    public DateTimeOffset? CursorA { get; private set; }

    public DateTimeOffset? CursorB { get; private set; }

    public int SaveLinkCalls { get; private set; }

    public int SaveCursorCalls { get; private set; }

    /// <summary>The 1-based number of the SaveLinkAsync call that throws, simulating a crash.</summary>
    public int? FailOnSaveLinkCall { get; set; }

    /// <summary>Runs before and after every save; a test throws from it to crash the engine at that point.</summary>
    public Action<StoreCall>? OnCall { get; set; }

    public IReadOnlyList<ItemLink> Links => [.. _links.Values.Select(Copy)];

    public Task<IReadOnlyList<ItemLink>> LoadLinksAsync(Guid flowId, CancellationToken cancellationToken)
    {
        IReadOnlyList<ItemLink> links = [.. _links.Values.Where(link => link.FlowId == flowId).Select(Copy)];
        return Task.FromResult(links);
    }

    public Task SaveLinkAsync(
        ItemLink link,
        IReadOnlyList<FieldChange> changes,
        IReadOnlyList<FieldConflict> conflicts,
        CancellationToken cancellationToken)
    {
        SaveLinkCalls++;
        if (SaveLinkCalls == FailOnSaveLinkCall)
        {
            throw new InvalidOperationException("Simulated crash of the state store.");
        }

        OnCall?.Invoke(new StoreCall(StoreOperation.SaveLink, Applied: false));
        _links[link.Id] = Copy(link);
        Changes.AddRange(changes);
        Conflicts.AddRange(conflicts);
        OnCall?.Invoke(new StoreCall(StoreOperation.SaveLink, Applied: true));
        return Task.CompletedTask;
    }

    public Task SaveCursorsAsync(Guid flowId, DateTimeOffset? cursorA, DateTimeOffset? cursorB, CancellationToken cancellationToken)
    {
        SaveCursorCalls++;
        OnCall?.Invoke(new StoreCall(StoreOperation.SaveCursors, Applied: false));
        CursorA = cursorA;
        CursorB = cursorB;
        OnCall?.Invoke(new StoreCall(StoreOperation.SaveCursors, Applied: true));
        return Task.CompletedTask;
    }

    /// <summary>Stores a link directly, as a previous run would have left it.</summary>
    public void Seed(ItemLink link) => _links[link.Id] = Copy(link);

    private static ItemLink Copy(ItemLink link)
    {
        var copy = new ItemLink(link.Id, link.FlowId, link.ItemIdA, link.ItemIdB, link.CreatedAt)
        {
            BaseA = new Dictionary<string, string?>(link.BaseA),
            BaseB = new Dictionary<string, string?>(link.BaseB),
            CreateToken = link.CreateToken,
        };

        if (link.State != LinkState.Active)
        {
            copy.MarkMissing(link.MissingSide!, link.State == LinkState.DeleteMirrored, link.MissingSince!.Value);
        }

        copy.UpdatedAt = link.UpdatedAt;
        return copy;
    }
}
