using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Sync.Engine;

/// <summary>
/// Runs one flow once: reads the changes on both sides, merges each linked pair field by field
/// against its base, creates counterparts of unlinked items, and saves links and cursors.
/// Running it again with no new edits writes nothing, because every decision compares with the base.
/// </summary>
public sealed partial class SyncEngine
{
    /// <summary>
    /// How far before its cursor each side is read again. Tools report update times in whole
    /// seconds and round their filters, so an item updated in the cursor's second must not be missed.
    /// </summary>
    public static readonly TimeSpan CursorOverlap = TimeSpan.FromSeconds(2);

    private readonly ILogger<SyncEngine> _logger;
    private readonly TimeProvider _timeProvider;

    public SyncEngine(ILogger<SyncEngine> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Runs the flow described by <paramref name="request"/> once. A <see cref="ConnectorException"/>
    /// on one item is counted in <see cref="SyncRunResult.ItemsFailed"/> and the run goes on; an
    /// exception while reading a side, a <see cref="ConnectorThrottledException"/>, any exception
    /// from <paramref name="store"/> and cancellation propagate. Cursors are saved only after every
    /// item was processed, so a run that stops early reads the same changes again next time.
    /// </summary>
    public async Task<SyncRunResult> RunAsync(
        FlowSyncRequest request,
        ISyncStateStore store,
        IProgress<SyncProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        LogRunStarted(_logger, request.FlowId);

        var itemsA = await ReadSideAsync(request.A, cancellationToken);
        var itemsB = await ReadSideAsync(request.B, cancellationToken);
        var links = await store.LoadLinksAsync(request.FlowId, cancellationToken);
        var run = new FlowRun(request, store, itemsA, itemsB, links, progress);
        run.ReportStart();

        await RecoverPendingCreatesAsync(run, cancellationToken);

        foreach (var item in itemsA.Items)
        {
            await ProcessItemAsync(run, Side.A, item, cancellationToken);
        }

        foreach (var item in itemsB.Items)
        {
            await ProcessItemAsync(run, Side.B, item, cancellationToken);
        }

        await DetectMissingItemsAsync(run, cancellationToken);

        await store.SaveCursorsAsync(request.FlowId, run.NextCursor(Side.A), run.NextCursor(Side.B), cancellationToken);

        var result = run.Tally.ToResult();
        LogRunFinished(
            _logger,
            request.FlowId,
            result.ItemsRead,
            result.ItemsCreated,
            result.ItemsUpdated,
            result.Conflicts,
            result.ItemsFailed);

        return result;
    }

    private static async Task<SideItems> ReadSideAsync(SyncSide side, CancellationToken cancellationToken)
    {
        DateTimeOffset? since = side.Cursor is { } cursor ? cursor - CursorOverlap : null;
        var read = await side.Connector.ReadChangedAsync(side.Container, since, cancellationToken);
        return new SideItems(read, isComplete: since is null);
    }

    private async Task ProcessItemAsync(FlowRun run, Side side, SyncItem item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await SyncItemAsync(run, side, item, cancellationToken);
        }
        catch (ConnectorException exception) when (exception is not ConnectorThrottledException)
        {
            LogItemFailed(_logger, exception, item.Id, side.Name(), run.Request.FlowId);
            run.RecordFailure(side, item, exception.Message);
        }

        run.ReportItemDone();
    }

    private async Task SyncItemAsync(FlowRun run, Side side, SyncItem item, CancellationToken cancellationToken)
    {
        var link = run.FindLink(side, item.Id);
        if (link is null)
        {
            if (run.IsInScope(side, item))
            {
                await CreateCounterpartAsync(run, side, item, link: null, cancellationToken);
            }

            return;
        }

        // A flagged link was reported once when it was flagged; it is shown on the flow, not warned again.
        if (link.State != LinkState.Active || !run.TryBeginLink(link))
        {
            return;
        }

        if (link.ItemIdOn(side.Other()) is null)
        {
            await ResumeCreateAsync(run, side, item, link, cancellationToken);
            return;
        }

        await SyncLinkedAsync(run, side, item, link, cancellationToken);
    }

    private DateTimeOffset Now() => _timeProvider.GetUtcNow();
}
