using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Sync.Engine;

public sealed partial class SyncEngine
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run of flow {FlowId} started")]
    private static partial void LogRunStarted(ILogger logger, Guid flowId);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Sync run of flow {FlowId} finished: {ItemsRead} read, {ItemsCreated} created, {ItemsUpdated} updated, {Conflicts} conflicts, {ItemsFailed} failed")]
    private static partial void LogRunFinished(ILogger logger, Guid flowId, int itemsRead, int itemsCreated, int itemsUpdated, int conflicts, int itemsFailed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync of item {ItemId} on side {Side} of flow {FlowId} failed")]
    private static partial void LogItemFailed(ILogger logger, Exception exception, string itemId, string side, Guid flowId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Linked item {MissingId} on side {Side} of flow {FlowId} was not found, so the link to item {ItemId} was flagged")]
    private static partial void LogCounterpartMissing(ILogger logger, string missingId, string side, Guid flowId, string itemId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Closed item {ItemId} on side {Side} of flow {FlowId} because its linked item {MissingId} was not found")]
    private static partial void LogDeleteMirrored(ILogger logger, string itemId, string side, Guid flowId, string missingId);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Write to the pair {ItemIdA} / {ItemIdB} of flow {FlowId} was stale on attempt {Attempt}; reading both items again")]
    private static partial void LogStaleWrite(ILogger logger, string? itemIdA, string? itemIdB, Guid flowId, int attempt);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Creating the counterpart of item {ItemId} on side {Side} of flow {FlowId} again, because its create token was not found")]
    private static partial void LogCreateRetried(ILogger logger, string itemId, string side, Guid flowId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Linked item {CreatedId} on side {Side} of flow {FlowId}, found by the create token of an interrupted run, to its source item {SourceId}")]
    private static partial void LogFoundByToken(ILogger logger, string createdId, string side, Guid flowId, string? sourceId);
}
