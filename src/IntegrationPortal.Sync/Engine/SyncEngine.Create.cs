using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

// Creating a counterpart takes three steps, so a run that stops half-way can be recognized instead
// of creating the item twice. The link is saved first with a create token and the intended values.
// Then the item is created with the token stored on it, and then the link is completed with the new
// id. A retry of an interrupted create keeps its token, so a later search finds either attempt.
public sealed partial class SyncEngine
{
    private async Task CreateCounterpartAsync(
        FlowRun run,
        Side source,
        SyncItem item,
        ItemLink? link,
        CancellationToken cancellationToken)
    {
        var target = source.Other();
        var mappings = run.Request.Mappings.Where(mapping => mapping.CopiesToward(target)).ToList();
        if (mappings.Count == 0)
        {
            return;
        }

        var skippedFields = new HashSet<string>(StringComparer.Ordinal);
        var fields = TranslateForCreate(run, source, item, mappings, skippedFields);

        link ??= NewLink(run, source, item.Id);
        run.TryBeginLink(link);
        link.CreateToken ??= Guid.NewGuid().ToString("N");
        link.SetBase(source, SourceBase(run, source, item, skippedFields));
        link.SetBase(target, new Dictionary<string, string?>(fields, StringComparer.Ordinal));
        link.UpdatedAt = Now();
        await run.Store.SaveLinkAsync(link, [], [], cancellationToken);
        run.AddLink(link);

        // Any failure keeps the token, a 4xx included, because a connector that makes more than one call
        // to create (GitHub closes an issue with a second request) can fail after the item was stored.
        // The next run searches for the token before creating again.
        var targetSide = run.SideOf(target);
        var created = await targetSide.Connector.CreateAsync(targetSide.Container, fields, link.CreateToken, cancellationToken);

        link.SetItemId(target, created.Id);
        link.CreateToken = null;
        link.SetBase(target, TargetBase(run, target, created, fields));
        link.UpdatedAt = Now();
        var changes = fields
            .Select(field => new FieldChange(target.Name(), created.Id, field.Key, null, field.Value, WasConflict: false))
            .ToList();
        await run.Store.SaveLinkAsync(link, changes, [], cancellationToken);
        run.AddLink(link);
        run.Tally.ItemsCreated++;
    }

    private ItemLink NewLink(FlowRun run, Side source, string itemId)
    {
        var itemIdA = source == Side.A ? itemId : null;
        var itemIdB = source == Side.B ? itemId : null;
        return new ItemLink(Guid.NewGuid(), run.Request.FlowId, itemIdA, itemIdB, Now());
    }

    private static Dictionary<string, string?> TranslateForCreate(
        FlowRun run,
        Side source,
        SyncItem item,
        List<FieldMapping> mappings,
        HashSet<string> skippedFields)
    {
        var target = source.Other();
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);

        foreach (var mapping in mappings)
        {
            var sourceField = mapping.FieldOn(source);
            if (!item.Fields.ContainsKey(sourceField))
            {
                run.Tally.AddWarning(PairPlan.MissingFieldWarning(source.Name(), sourceField, item.Id));
                skippedFields.Add(sourceField);
                continue;
            }

            var value = FieldNormalizer.Normalize(item.Fields.GetValueOrDefault(sourceField), run.KindOf(source, sourceField));
            var translation = mapping.TranslateToward(target, value);
            if (!translation.IsMapped)
            {
                run.Tally.AddWarning(PairPlan.UnmappedValueWarning(value, sourceField));
                skippedFields.Add(sourceField);
                continue;
            }

            var targetField = mapping.FieldOn(target);
            fields[targetField] = FieldNormalizer.Normalize(translation.Value, run.KindOf(target, targetField));
        }

        return fields;
    }

    // A field that was skipped (missing, or without a value map entry) gets no base, so it still
    // counts as changed, and is copied, once the value map has an entry for it.
    private static Dictionary<string, string?> SourceBase(FlowRun run, Side source, SyncItem item, HashSet<string> skippedFields)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var mapping in run.Request.Mappings)
        {
            var field = mapping.FieldOn(source);
            if (!skippedFields.Contains(field))
            {
                values[field] = FieldNormalizer.Normalize(item.Fields.GetValueOrDefault(field), run.KindOf(source, field));
            }
        }

        return values;
    }

    // The base is what the tool stored, because that may differ from what was sent (defaults,
    // trimming). A field the tool did not return falls back to the value sent.
    private static Dictionary<string, string?> TargetBase(FlowRun run, Side target, SyncItem created, Dictionary<string, string?> sent)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var mapping in run.Request.Mappings)
        {
            var field = mapping.FieldOn(target);
            values[field] = created.Fields.TryGetValue(field, out var stored)
                ? FieldNormalizer.Normalize(stored, run.KindOf(target, field))
                : sent.GetValueOrDefault(field);
        }

        return values;
    }

    // Pending links with a token are recovered before the item loop, so a link without a counterpart
    // reaches the loop only when an earlier engine version cleared its token after a rejected create.
    private Task ResumeCreateAsync(FlowRun run, Side source, SyncItem item, ItemLink link, CancellationToken cancellationToken) =>
        CreateCounterpartAsync(run, source, item, link, cancellationToken);
}
