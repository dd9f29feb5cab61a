using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

// An item of a linked pair that disappears is found in two ways: GetAsync returns null for the
// counterpart of an item that changed, or a side read without a cursor (so completely) lacks an
// item that a link names. Either way the link stops being synced and is flagged once. Closing or
// deleting the counterpart happens only when the flow mirrors deletes, because the item may have
// been moved or hidden from the connection rather than deleted.
public sealed partial class SyncEngine
{
    // NOTE: a side is read completely only when it has no cursor, which is the flow's first run. An
    // item deleted later is found only once its counterpart changes, because no periodic full read exists yet.
    private async Task DetectMissingItemsAsync(FlowRun run, CancellationToken cancellationToken)
    {
        var candidates = run.Links
            .Where(link => link.State == LinkState.Active && link.ItemIdA is not null && link.ItemIdB is not null)
            .Where(link => !run.WasHandled(link))
            .ToList();

        foreach (var link in candidates)
        {
            var missing = MissingSide(run, link);
            if (missing is not { } side)
            {
                continue;
            }

            run.TryBeginLink(link);
            var survivor = run.ItemsOn(side.Other()).Find(link.ItemIdOn(side.Other())!);
            try
            {
                await HandleMissingItemAsync(run, link, side, cancellationToken);
            }
            catch (ConnectorException exception)
            {
                LogItemFailed(_logger, exception, link.ItemIdOn(side.Other())!, side.Other().Name(), run.Request.FlowId);
                if (survivor is not null)
                {
                    run.RecordFailure(side.Other(), survivor, exception.Message);
                }
                else
                {
                    run.Tally.ItemsFailed++;
                    run.Tally.AddError($"Item {link.ItemIdOn(side.Other())} on side {side.Other().Name()}: {exception.Message}");
                }
            }
        }
    }

    private static Side? MissingSide(FlowRun run, ItemLink link)
    {
        if (run.ItemsA.IsComplete && !run.ItemsA.Contains(link.ItemIdA!))
        {
            return Side.A;
        }

        if (run.ItemsB.IsComplete && !run.ItemsB.Contains(link.ItemIdB!))
        {
            return Side.B;
        }

        return null;
    }

    /// <summary>
    /// Flags the link of an item that disappeared from <paramref name="missing"/>, and closes its
    /// counterpart first when the flow mirrors deletes. A close that fails still flags the link, as
    /// missing only, and then rethrows, so the item counts as failed once and is not retried every run.
    /// </summary>
    private async Task HandleMissingItemAsync(FlowRun run, ItemLink link, Side missing, CancellationToken cancellationToken)
    {
        var survivor = missing.Other();
        var missingId = link.ItemIdOn(missing)!;
        var survivorId = link.ItemIdOn(survivor)!;

        if (run.Request.DeleteRule != DeleteRule.MirrorDelete)
        {
            await FlagLinkAsync(run, link, missing, counterpartClosed: false, cancellationToken);
            run.Tally.AddWarning(
                $"Item {missingId} on side {missing.Name()} was not found, so its link to item {survivorId} on side " +
                $"{survivor.Name()} was flagged and is no longer synced; item {survivorId} was left as it is. " +
                "Check whether the item was deleted, moved or hidden from the connection.");
            LogCounterpartMissing(_logger, missingId, missing.Name(), run.Request.FlowId, survivorId);
            return;
        }

        var target = run.SideOf(survivor);
        try
        {
            await target.Connector.CloseAsync(target.Container, survivorId, cancellationToken);
        }
        catch (ConnectorException)
        {
            await FlagLinkAsync(run, link, missing, counterpartClosed: false, cancellationToken);
            throw;
        }

        await FlagLinkAsync(run, link, missing, counterpartClosed: true, cancellationToken);
        run.Tally.AddWarning(
            $"Item {missingId} on side {missing.Name()} was not found, so item {survivorId} on side {survivor.Name()} " +
            "was closed, as the flow mirrors deletes, and the link is no longer synced.");
        LogDeleteMirrored(_logger, survivorId, survivor.Name(), run.Request.FlowId, missingId);
    }

    private async Task FlagLinkAsync(FlowRun run, ItemLink link, Side missing, bool counterpartClosed, CancellationToken cancellationToken)
    {
        link.MarkMissing(missing.Name(), counterpartClosed, Now());
        await run.Store.SaveLinkAsync(link, [], [], cancellationToken);
    }
}
