using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

/// <summary>
/// Everything one run of a flow needs: both sides, the mappings, the conflict rule, what to do when
/// a linked item disappears, and the filter on which items get a counterpart (null for every item).
/// </summary>
public sealed record FlowSyncRequest(
    Guid FlowId,
    SyncSide A,
    SyncSide B,
    IReadOnlyList<FieldMapping> Mappings,
    ConflictRule ConflictRule,
    DeleteRule DeleteRule = DeleteRule.UnlinkAndFlag,
    ItemScope? Scope = null);

/// <summary>One side of a flow: its connector, its container and the cursor saved by the last run.</summary>
public sealed record SyncSide(IConnector Connector, string Container, DateTimeOffset? Cursor);
