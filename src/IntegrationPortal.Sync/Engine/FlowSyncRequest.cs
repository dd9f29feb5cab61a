using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

/// <summary>Everything one run of a flow needs: both sides, the mappings and the conflict rule.</summary>
public sealed record FlowSyncRequest(
    Guid FlowId,
    SyncSide A,
    SyncSide B,
    IReadOnlyList<FieldMapping> Mappings,
    ConflictRule ConflictRule);

/// <summary>One side of a flow: its connector, its container and the cursor saved by the last run.</summary>
public sealed record SyncSide(IConnector Connector, string Container, DateTimeOffset? Cursor);
