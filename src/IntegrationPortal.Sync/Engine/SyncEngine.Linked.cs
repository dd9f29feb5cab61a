using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

public sealed partial class SyncEngine
{
    private async Task SyncLinkedAsync(FlowRun run, Side side, SyncItem item, ItemLink link, CancellationToken cancellationToken)
    {
        var other = side.Other();
        var counterpartId = link.ItemIdOn(other)!;
        var counterpart = run.ItemsOn(other).Find(counterpartId)
            ?? await run.SideOf(other).Connector.GetAsync(run.SideOf(other).Container, counterpartId, cancellationToken);

        if (counterpart is null)
        {
            ReportMissingCounterpart(run, side, item.Id, other, counterpartId);
            return;
        }

        var plan = side == Side.A
            ? PairPlan.Build(run, link, item, counterpart)
            : PairPlan.Build(run, link, counterpart, item);

        await ApplyPlanAsync(run, link, plan, cancellationToken);
    }

    private async Task ApplyPlanAsync(FlowRun run, ItemLink link, PairPlan plan, CancellationToken cancellationToken)
    {
        run.Tally.Conflicts += plan.Conflicts;
        foreach (var warning in plan.Warnings)
        {
            run.Tally.AddWarning(warning);
        }

        // A conflict is recorded before its writes. After a crash between the writes and the save, the
        // next run finds both sides equal and would never report that a rule overrode an edit.
        // NOTE: a crash after this save and before the writes records the conflict twice.
        if (plan.ConflictRecords.Count > 0)
        {
            await run.Store.SaveLinkAsync(link, [], plan.ConflictRecords, cancellationToken);
        }

        await WriteFieldsAsync(run, Side.A, plan.ItemA.Id, plan.WritesA, cancellationToken);
        await WriteFieldsAsync(run, Side.B, plan.ItemB.Id, plan.WritesB, cancellationToken);

        if (plan.Changes.Count == 0 && plan.BasesEqual(link))
        {
            return;
        }

        link.BaseA = plan.BaseA;
        link.BaseB = plan.BaseB;
        link.UpdatedAt = Now();
        await run.Store.SaveLinkAsync(link, plan.Changes, [], cancellationToken);
    }

    private static async Task WriteFieldsAsync(
        FlowRun run,
        Side side,
        string itemId,
        Dictionary<string, string?> fields,
        CancellationToken cancellationToken)
    {
        if (fields.Count == 0)
        {
            return;
        }

        var target = run.SideOf(side);
        await target.Connector.UpdateAsync(target.Container, itemId, fields, cancellationToken);
        run.Tally.ItemsUpdated++;
    }

    // A missing counterpart is flagged, never repaired: deleting or re-creating items is left to a
    // person, because the item may have been moved or hidden by permissions rather than deleted.
    private void ReportMissingCounterpart(FlowRun run, Side side, string itemId, Side other, string counterpartId)
    {
        run.Tally.ItemsFailed++;
        run.Tally.AddWarning(
            $"Item {counterpartId} on side {other.Name()}, linked to item {itemId} on side {side.Name()}, was not found; " +
            "the link was kept, so check whether the item was deleted, moved or hidden from the connection.");
        LogCounterpartMissing(_logger, counterpartId, other.Name(), run.Request.FlowId, itemId);
    }
}
