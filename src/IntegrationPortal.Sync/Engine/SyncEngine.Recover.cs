using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Sync.Engine;

// A run that stops between saving a create intent and completing the link leaves a pending link: a
// create token and only the source item's id. The create itself may or may not have reached the
// tool, so before any item is processed each pending link looks for its token on the target side.
// Found: the item is linked, never created twice. Not found: it is created again with the same token.
public sealed partial class SyncEngine
{
    /// <summary>
    /// How long before a link's first create intent the token search starts, so an item is still
    /// found when the tool's clock runs behind the portal's by up to this much.
    /// </summary>
    public static readonly TimeSpan CreateTokenLookback = TimeSpan.FromMinutes(10);

    private async Task RecoverPendingCreatesAsync(FlowRun run, CancellationToken cancellationToken)
    {
        var pending = run.Links.Where(IsPendingCreate).ToList();
        foreach (var link in pending)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = link.ItemIdA is null ? Side.A : Side.B;
            var source = target.Other();
            var sourceId = link.ItemIdOn(source)!;

            // Claiming the link first keeps the item loop from creating it while the search failed.
            run.TryBeginLink(link);
            try
            {
                await RecoverPendingCreateAsync(run, link, source, sourceId, cancellationToken);
            }
            catch (ConnectorException exception)
            {
                LogItemFailed(_logger, exception, sourceId, source.Name(), run.Request.FlowId);
                run.RecordFailure(source, sourceId, run.ItemsOn(source).Find(sourceId)?.UpdatedAt, exception.Message);
            }
        }
    }

    private static bool IsPendingCreate(ItemLink link) =>
        link.CreateToken is not null && (link.ItemIdA is null) != (link.ItemIdB is null);

    private async Task RecoverPendingCreateAsync(
        FlowRun run,
        ItemLink link,
        Side source,
        string sourceId,
        CancellationToken cancellationToken)
    {
        var target = source.Other();
        var found = await FindCreatedItemAsync(run, target, link, cancellationToken);

        var sourceItem = run.ItemsOn(source).Find(sourceId)
            ?? await run.SideOf(source).Connector.GetAsync(run.SideOf(source).Container, sourceId, cancellationToken);

        if (found is not null)
        {
            await CompleteFoundCreateAsync(run, target, link, found, cancellationToken);
            if (sourceItem is not null)
            {
                // Edits made on either side since the intent are merged now, against the intended values.
                await SyncLinkedAsync(run, source, sourceItem, link, cancellationToken);
            }

            return;
        }

        if (sourceItem is null)
        {
            run.Tally.AddWarning(
                $"Item {sourceId} on side {source.Name()} was not found, so its interrupted create (token {link.CreateToken}) " +
                $"was not repeated on side {target.Name()}; remove the pending link if the item was deleted.");
            return;
        }

        LogCreateRetried(_logger, sourceId, source.Name(), run.Request.FlowId);
        await CreateCounterpartAsync(run, source, sourceItem, link, cancellationToken);
    }

    // The item is usually among those just read, because it was created after the target's cursor.
    // Finding it there needs no call. It also keeps the item from being copied back as a new one
    // when the search fails. Otherwise the tool is searched.
    private static async Task<SyncItem?> FindCreatedItemAsync(FlowRun run, Side target, ItemLink link, CancellationToken cancellationToken)
    {
        var read = run.ItemsOn(target).Items
            .FirstOrDefault(item => item.CreateToken == link.CreateToken && run.FindLink(target, item.Id) is null);
        if (read is not null)
        {
            return read;
        }

        var side = run.SideOf(target);
        var createdAfter = link.CreatedAt - CreateTokenLookback;
        return await side.Connector.FindByCreateTokenAsync(side.Container, link.CreateToken!, createdAfter, cancellationToken);
    }

    // The target's base stays the intended values saved with the token, not the item's current ones.
    // A field where the found item differs from them was either edited by a person since, or left out
    // by a create that stopped half-way (GitHub closes an issue with a second call). The two cannot be
    // distinguished, so the source's base of that field is dropped too: both sides then count as changed,
    // and the flow's conflict rule decides and reports it.
    private async Task CompleteFoundCreateAsync(FlowRun run, Side target, ItemLink link, SyncItem found, CancellationToken cancellationToken)
    {
        var source = target.Other();
        var intended = link.BaseOn(target);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var sourceBase = new Dictionary<string, string?>(link.BaseOn(source), StringComparer.Ordinal);
        foreach (var mapping in run.Request.Mappings)
        {
            var field = mapping.FieldOn(target);
            var stored = FieldNormalizer.Normalize(found.Fields.GetValueOrDefault(field), run.KindOf(target, field));
            if (!intended.TryGetValue(field, out var value))
            {
                values[field] = stored;
                continue;
            }

            values[field] = value;
            if (!string.Equals(stored, value, StringComparison.Ordinal))
            {
                sourceBase.Remove(mapping.FieldOn(source));
            }
        }

        var changes = intended
            .Select(field => new FieldChange(target.Name(), found.Id, field.Key, null, field.Value, WasConflict: false))
            .ToList();
        var token = link.CreateToken;
        link.SetItemId(target, found.Id);
        link.CreateToken = null;
        link.SetBase(target, values);
        link.SetBase(source, sourceBase);
        link.UpdatedAt = Now();
        await run.Store.SaveLinkAsync(link, changes, [], cancellationToken);
        run.AddLink(link);
        run.Tally.ItemsCreated++;

        run.Tally.AddWarning(
            $"Item {found.Id} on side {target.Name()} was created by an earlier run that stopped before linking it; " +
            $"it was found by its create token {token} and is now linked to item {link.ItemIdOn(source)} on side {source.Name()}.");
        LogFoundByToken(_logger, found.Id, target.Name(), run.Request.FlowId, link.ItemIdOn(source));
    }
}
