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
    // are compared, not copied back. The changes and conflicts of those writes are kept for the save.
    private async Task MergePairAsync(FlowRun run, ItemLink link, SyncItem itemA, SyncItem itemB, CancellationToken cancellationToken)
    {
        var bases = PairBases.CopyOf(link);
        var done = new AppliedWrites();

        for (var attempt = 1; ; attempt++)
        {
            var plan = PairPlan.Build(run, bases, itemA, itemB);
            var attemptConflicts = new List<FieldConflict>();
            try
            {
                await WriteFieldsAsync(run, Side.A, plan, bases, done.Changes, attemptConflicts, cancellationToken);
                await WriteFieldsAsync(run, Side.B, plan, bases, done.Changes, attemptConflicts, cancellationToken);
                await SavePlanAsync(run, link, plan, done, cancellationToken);
                return;
            }
            catch (ConnectorException exception) when (exception.StatusCode == PreconditionFailed && attempt < MaxWriteAttempts)
            {
                LogStaleWrite(_logger, link.ItemIdA, link.ItemIdB, run.Request.FlowId, attempt);
                done.EarlierConflicts.AddRange(attemptConflicts);
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

    private async Task SavePlanAsync(FlowRun run, ItemLink link, PairPlan plan, AppliedWrites done, CancellationToken cancellationToken)
    {
        run.Tally.Conflicts += done.EarlierConflicts.Count + plan.Conflicts;
        foreach (var warning in plan.Warnings)
        {
            run.Tally.AddWarning(warning);
        }

        List<FieldConflict> conflicts = [.. done.EarlierConflicts, .. plan.ConflictRecords];
        if (done.Changes.Count == 0 && conflicts.Count == 0 && plan.BasesEqual(link))
        {
            return;
        }

        link.BaseA = plan.BaseA;
        link.BaseB = plan.BaseB;
        link.UpdatedAt = Now();
        await run.Store.SaveLinkAsync(link, done.Changes, conflicts, cancellationToken);
    }

    // The write carries the version read with the item, so a tool with conditional writes rejects
    // it when the item changed after the read. Once written, the fields move in the working bases.
    private static async Task WriteFieldsAsync(
        FlowRun run,
        Side side,
        PairPlan plan,
        PairBases bases,
        List<FieldChange> changes,
        List<FieldConflict> conflicts,
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

        // A conflict won by the other side was resolved by this write.
        var winner = side.Other().Name();
        conflicts.AddRange(plan.ConflictRecords.Where(conflict => conflict.WinningSide == winner));
    }

    private static Task<SyncItem?> GetItemAsync(FlowRun run, Side side, string itemId, CancellationToken cancellationToken)
    {
        var source = run.SideOf(side);
        return source.Connector.GetAsync(source.Container, itemId, cancellationToken);
    }

    /// <summary>
    /// The field changes written for one pair across its attempts, and the conflicts resolved by
    /// writes of attempts that a stale write later ended.
    /// </summary>
    private sealed class AppliedWrites
    {
        public List<FieldChange> Changes { get; } = [];

        public List<FieldConflict> EarlierConflicts { get; } = [];
    }
}
