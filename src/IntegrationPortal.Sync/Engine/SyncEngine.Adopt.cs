using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

// A run that stops after creating an item but before completing its link leaves a link with a
// create token and the intended values as the target's base. The next run reads the created item
// as an unlinked one, and would copy it back as a duplicate, so before any item is processed each
// pending link is matched against the unlinked items read on its target side.
public sealed partial class SyncEngine
{
    private async Task AdoptInterruptedCreatesAsync(FlowRun run, CancellationToken cancellationToken)
    {
        var pending = run.Links
            .Where(link => link.CreateToken is not null && (link.ItemIdA is null) != (link.ItemIdB is null))
            .ToList();

        foreach (var link in pending)
        {
            var target = link.ItemIdA is null ? Side.A : Side.B;
            var created = FindCreatedItem(run, target, link);
            if (created is not null)
            {
                await AdoptAsync(run, target, link, created, cancellationToken);
            }
        }
    }

    // NOTE: this matches by content, not by token, so a person's item with exactly the intended
    // values would be linked instead. Exactly one candidate must match, or the link stays pending.
    private static SyncItem? FindCreatedItem(FlowRun run, Side target, ItemLink link)
    {
        var intended = link.BaseOn(target).Where(field => field.Value is not null).ToList();
        if (intended.Count == 0)
        {
            return null;
        }

        var candidates = run.ItemsOn(target).Items
            .Where(item => run.FindLink(target, item.Id) is null)
            .Where(item => intended.All(field => HasValue(run, target, item, field.Key, field.Value)))
            .Take(2)
            .ToList();

        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static bool HasValue(FlowRun run, Side side, SyncItem item, string field, string? expected)
    {
        var value = FieldNormalizer.Normalize(item.Fields.GetValueOrDefault(field), run.KindOf(side, field));
        return string.Equals(value, expected, StringComparison.Ordinal);
    }

    private async Task AdoptAsync(FlowRun run, Side target, ItemLink link, SyncItem created, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var mapping in run.Request.Mappings)
        {
            var field = mapping.FieldOn(target);
            values[field] = FieldNormalizer.Normalize(created.Fields.GetValueOrDefault(field), run.KindOf(target, field));
        }

        link.SetItemId(target, created.Id);
        link.CreateToken = null;
        link.SetBase(target, values);
        link.UpdatedAt = Now();
        await run.Store.SaveLinkAsync(link, [], [], cancellationToken);
        run.AddLink(link);

        var source = target.Other();
        run.Tally.AddWarning(
            $"Item {created.Id} on side {target.Name()} was created by an earlier run that stopped before linking it; " +
            $"it is now linked to item {link.ItemIdOn(source)} on side {source.Name()}.");
        LogAdopted(_logger, created.Id, target.Name(), run.Request.FlowId, link.ItemIdOn(source));
    }
}
