using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

public sealed partial class SyncEngine
{
    /// <summary>
    /// How many times one pair is merged and written before a stale version (HTTP 412) counts as a
    /// failure of the item. Each retry re-reads both items first.
    /// </summary>
    public const int MaxWriteAttempts = 3;

    private const int PreconditionFailed = 412;

    private async Task SyncLinkedAsync(FlowRun run, Side side, SyncItem item, ItemLink link, CancellationToken cancellationToken)
    {
        var other = side.Other();
        var counterpartId = link.ItemIdOn(other)!;
        var counterpart = run.ItemsOn(other).Find(counterpartId) ?? await GetItemAsync(run, other, counterpartId, cancellationToken);

        if (counterpart is null)
        {
            await HandleMissingItemAsync(run, link, other, cancellationToken);
            return;
        }

        var (itemA, itemB) = side == Side.A ? (item, counterpart) : (counterpart, item);
        await MergePairAsync(run, link, itemA, itemB, cancellationToken);
    }

    // A write rejected as stale (HTTP 412) is not forced. Both items are read again and merged
    // again, and fields written before the rejection count as synced on their side, so their values
    // are compared, not copied back. The changes of those writes are kept for the save.
    private async Task MergePairAsync(FlowRun run, ItemLink link, SyncItem itemA, SyncItem itemB, CancellationToken cancellationToken)
    {
        var bases = PairBases.CopyOf(link);
        var changes = new List<FieldChange>();

        for (var attempt = 1; ; attempt++)
        {
            var plan = PairPlan.Build(run, bases, itemA, itemB);
            await SaveConflictsAsync(run, link, plan, cancellationToken);
            try
            {
                await WriteFieldsAsync(run, Side.A, plan, bases, changes, cancellationToken);
                await WriteFieldsAsync(run, Side.B, plan, bases, changes, cancellationToken);
                await SavePlanAsync(run, link, plan, changes, cancellationToken);
                return;
            }
            catch (ConnectorException exception) when (exception.StatusCode == PreconditionFailed && attempt < MaxWriteAttempts)
            {
                LogStaleWrite(_logger, link.ItemIdA, link.ItemIdB, run.Request.FlowId, attempt);
            }

            var freshA = await GetItemAsync(run, Side.A, itemA.Id, cancellationToken);
            var freshB = await GetItemAsync(run, Side.B, itemB.Id, cancellationToken);
            if (freshA is null || freshB is null)
            {
                await HandleMissingItemAsync(run, link, freshA is null ? Side.A : Side.B, cancellationToken);
                return;
            }

            (itemA, itemB) = (freshA, freshB);
        }
    }

    // A conflict is recorded before its writes. After a crash between the writes and the save, the
    // next run finds both sides equal and would never report that a rule overrode an edit. The
    // link keeps its old bases here; they move only with the save after the writes.
    // NOTE: after a crash between this save and the writes, the next run finds the conflict again,
    // and the store supersedes the first record with the second.
    private static async Task SaveConflictsAsync(FlowRun run, ItemLink link, PairPlan plan, CancellationToken cancellationToken)
    {
        if (plan.ConflictRecords.Count == 0)
        {
            return;
        }

        run.Tally.Conflicts += plan.Conflicts;
        await run.Store.SaveLinkAsync(link, [], plan.ConflictRecords, cancellationToken);
    }

    private async Task SavePlanAsync(FlowRun run, ItemLink link, PairPlan plan, List<FieldChange> changes, CancellationToken cancellationToken)
    {
        foreach (var warning in plan.Warnings)
        {
            run.Tally.AddWarning(warning);
        }

        if (changes.Count == 0 && plan.BasesEqual(link))
        {
            return;
        }

        link.BaseA = plan.BaseA;
        link.BaseB = plan.BaseB;
        link.UpdatedAt = Now();
        await run.Store.SaveLinkAsync(link, changes, [], cancellationToken);
    }

    // The write carries the version read with the item, so a tool with conditional writes rejects
    // it when the item changed after the read. Once written, the fields move in the working bases.
    private static async Task WriteFieldsAsync(
        FlowRun run,
        Side side,
        PairPlan plan,
        PairBases bases,
        List<FieldChange> changes,
        CancellationToken cancellationToken)
    {
        var fields = side == Side.A ? plan.WritesA : plan.WritesB;
        if (fields.Count == 0)
        {
            return;
        }

        var item = side == Side.A ? plan.ItemA : plan.ItemB;
        var target = run.SideOf(side);
        await target.Connector.UpdateAsync(target.Container, item.Id, fields, item.Version, cancellationToken);
        run.Tally.ItemsUpdated++;

        foreach (var (field, value) in fields)
        {
            bases.On(side)[field] = value;
        }

        changes.AddRange(plan.Changes.Where(change => change.TargetSide == side.Name()));
    }

    private static Task<SyncItem?> GetItemAsync(FlowRun run, Side side, string itemId, CancellationToken cancellationToken)
    {
        var source = run.SideOf(side);
        return source.Connector.GetAsync(source.Container, itemId, cancellationToken);
    }
}
