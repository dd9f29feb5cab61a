using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Engine;
using IntegrationPortal.Sync.Tests.Fakes;

namespace IntegrationPortal.Sync.Tests.Faults;

/// <summary>
/// Checks the end state of a flow after recovery. Every item must be linked exactly once, and both
/// sides equal per mapping after translation. The last edit of every field must be kept, unless a
/// conflict reported with its value decided otherwise or a write based on an older read overwrote it.
/// </summary>
public static class ConvergenceCheck
{
    public static IReadOnlyList<string> Find(SyncHarness flow, IReadOnlyList<FieldWrite> edits, IReadOnlyList<FieldWrite> engineWrites)
    {
        var failures = new List<string>();
        var links = flow.Store.Links;

        foreach (var link in links.Where(link => link.CreateToken is not null || link.ItemIdA is null || link.ItemIdB is null))
        {
            failures.Add($"Link {link.Id} is incomplete: A={link.ItemIdA}, B={link.ItemIdB}, token={link.CreateToken}.");
        }

        FindDuplicates(failures, links, "A", link => link.ItemIdA, flow.A.Items.Select(item => item.Id));
        FindDuplicates(failures, links, "B", link => link.ItemIdB, flow.B.Items.Select(item => item.Id));

        foreach (var link in links.Where(link => link.ItemIdA is not null && link.ItemIdB is not null))
        {
            if (flow.A.Items.Any(item => item.Id == link.ItemIdA) && flow.B.Items.Any(item => item.Id == link.ItemIdB))
            {
                CheckPair(failures, flow, edits, engineWrites, link);
            }
        }

        return failures;
    }

    private static void FindDuplicates(
        List<string> failures,
        IReadOnlyList<ItemLink> links,
        string side,
        Func<ItemLink, string?> idOf,
        IEnumerable<string> itemIds)
    {
        var linkedIds = links.Select(idOf).Where(id => id is not null).ToList();
        foreach (var group in linkedIds.GroupBy(id => id).Where(group => group.Count() > 1))
        {
            failures.Add($"Item {group.Key} on side {side} is linked {group.Count()} times.");
        }

        foreach (var id in itemIds.Where(id => !linkedIds.Contains(id)))
        {
            failures.Add($"Item {id} on side {side} is not linked: a duplicate or an item that was never copied.");
        }
    }

    private static void CheckPair(
        List<string> failures,
        SyncHarness flow,
        IReadOnlyList<FieldWrite> edits,
        IReadOnlyList<FieldWrite> engineWrites,
        ItemLink link)
    {
        var idA = link.ItemIdA!;
        var idB = link.ItemIdB!;
        foreach (var mapping in flow.Mappings)
        {
            var valueA = FaultScheduleRunner.Normalize("A", mapping.FieldA, flow.A.Value(idA, mapping.FieldA));
            var valueB = FaultScheduleRunner.Normalize("B", mapping.FieldB, flow.B.Value(idB, mapping.FieldB));
            var valueAOnB = ValueMapTranslator.ToB(mapping, valueA).Value;
            if (valueAOnB != valueB)
            {
                failures.Add($"Items {idA} and {idB} differ in {mapping.FieldA}/{mapping.FieldB}: '{valueA}' and '{valueB}'.");
                continue;
            }

            CheckLastEdit(failures, flow, edits, engineWrites, mapping, idA, idB, valueA);
        }
    }

    private static void CheckLastEdit(
        List<string> failures,
        SyncHarness flow,
        IReadOnlyList<FieldWrite> edits,
        IReadOnlyList<FieldWrite> engineWrites,
        FieldMapping mapping,
        string idA,
        string idB,
        string? finalA)
    {
        var lastA = edits.LastOrDefault(edit => edit.Side == "A" && edit.ItemId == idA && edit.Field == mapping.FieldA);
        var lastB = edits.LastOrDefault(edit => edit.Side == "B" && edit.ItemId == idB && edit.Field == mapping.FieldB);
        var last = (lastA?.Sequence ?? 0) > (lastB?.Sequence ?? 0) ? lastA : lastB;
        if (last is null || last.OverwrittenByStaleWrite || ReturnsToEarlierValue(edits.Concat(engineWrites), last))
        {
            return;
        }

        var expected = InTermsOfA(mapping, last);
        if (finalA == expected)
        {
            return;
        }

        // A conflict that the rule decided against the edit is allowed when it was reported with the
        // edit's value, because the person can then find and restore it.
        var conflictReported = flow.Store.Conflicts.Any(conflict =>
            conflict.ItemIdA == idA && conflict.ItemIdB == idB && conflict.FieldA == mapping.FieldA
            && (last.Side == "A" ? conflict.ValueA : conflict.ValueB) == last.Value);
        if (conflictReported)
        {
            return;
        }

        failures.Add(
            $"The last edit of {mapping.FieldA}/{mapping.FieldB} on items {idA} and {idB} was lost: " +
            $"side {last.Side} set '{last.Value}' (edit {last.Sequence}), but side A holds '{finalA}'" +
            " and no conflict with that value was reported.");
    }

    // A field set back to a value it had before may equal the base, and a three-way merge then finds
    // no change on that side. The base can also lag behind the engine's own last write, when a run
    // stopped between the write and saving the base. So such an edit cannot be required to win.
    private static bool ReturnsToEarlierValue(IEnumerable<FieldWrite> writes, FieldWrite last) =>
        writes.Any(edit => edit.Sequence < last.Sequence && edit.Side == last.Side && edit.ItemId == last.ItemId
            && edit.Field == last.Field && edit.Value == last.Value);

    private static string? InTermsOfA(FieldMapping mapping, FieldWrite edit) =>
        edit.Side == "A" ? edit.Value : ValueMapTranslator.ToA(mapping, edit.Value).Value;
}
