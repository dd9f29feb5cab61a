namespace IntegrationPortal.Domain.Flows;

/// <summary>
/// A pair of items that a flow keeps in sync, with the base: the value of every mapped field on
/// each side as of the last successful sync. The three-way merge compares current values with it.
/// </summary>
public sealed class ItemLink
{
    private ItemLink()
    {
    }

    public ItemLink(Guid id, Guid flowId, string? itemIdA, string? itemIdB, DateTimeOffset at)
    {
        Id = id;
        FlowId = flowId;
        ItemIdA = itemIdA;
        ItemIdB = itemIdB;
        CreatedAt = at;
        UpdatedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid FlowId { get; private set; }

    public string? ItemIdA { get; set; }

    public string? ItemIdB { get; set; }

    /// <summary>Values of side A's mapped fields at the last sync, keyed by side A's field key.</summary>
    public Dictionary<string, string?> BaseA { get; set; } = [];

    /// <summary>Values of side B's mapped fields at the last sync, keyed by side B's field key.</summary>
    public Dictionary<string, string?> BaseB { get; set; } = [];

    /// <summary>
    /// The token recorded before the counterpart is created, so a retry can tell that a create
    /// was already attempted. It is null once both item ids are known.
    /// </summary>
    public string? CreateToken { get; set; }

    /// <summary>Whether the pair is still synced. Only an active link is merged.</summary>
    public LinkState State { get; private set; } = LinkState.Active;

    /// <summary>The side ("A" or "B") whose item disappeared, or null for an active link.</summary>
    public string? MissingSide { get; private set; }

    /// <summary>When the engine found the item missing, or null for an active link.</summary>
    public DateTimeOffset? MissingSince { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Marks the link as no longer synced because the item on <paramref name="side"/> ("A" or "B")
    /// disappeared, and records whether its counterpart was closed or left as it is.
    /// </summary>
    public void MarkMissing(string side, bool counterpartClosed, DateTimeOffset at)
    {
        if (side is not ("A" or "B"))
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "The side must be \"A\" or \"B\".");
        }

        State = counterpartClosed ? LinkState.DeleteMirrored : LinkState.CounterpartMissing;
        MissingSide = side;
        MissingSince = at;
        UpdatedAt = at;
    }
}
