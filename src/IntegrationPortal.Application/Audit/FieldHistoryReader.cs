using System.Text.Json;
using IntegrationPortal.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Audit;

/// <summary>
/// Reads the item.synced events of one link. The link id sits only inside the details, so the
/// query narrows by flow and action through the index, matches the id as text, and parses the
/// matches here. A match on some other field is dropped by comparing the parsed link id.
/// </summary>
internal static class FieldHistoryReader
{
    /// <summary>Sync events read for one link; a link synced more often shows its oldest writes only.</summary>
    public const int MaxEvents = 5000;

    public static async Task<FieldHistory> ReadAsync(IPortalDbContext db, Guid flowId, LinkSummaryDto link, CancellationToken cancellationToken)
    {
        var flow = flowId.ToString();
        var linkText = link.LinkId.ToString();
        var rows = await db.AuditEvents.AsNoTracking()
            .Where(e => e.TargetType == "flow" && e.TargetId == flow && e.Action == AuditActions.ItemSynced && e.Details.Contains(linkText))
            .OrderBy(e => e.Id)
            .Take(MaxEvents + 1)
            .Select(e => new { e.Id, e.At, e.Details })
            .ToListAsync(cancellationToken);

        var writes = new List<FieldWrite>();
        foreach (var row in rows.Take(MaxEvents))
        {
            writes.AddRange(Parse(row.Id, row.At, row.Details, link.LinkId));
        }

        return new FieldHistory(link, writes, Truncated: rows.Count > MaxEvents);
    }

    /// <summary>Reads the changes of one item.synced event; details of another link or of an unknown shape give none.</summary>
    public static IEnumerable<FieldWrite> Parse(long eventId, DateTimeOffset at, string details, Guid linkId)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(details);
        }
        catch (JsonException)
        {
            return [];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("linkId", out var linkElement)
                || !linkElement.TryGetGuid(out var parsedLink)
                || parsedLink != linkId
                || !root.TryGetProperty("changes", out var changes)
                || changes.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var runId = root.TryGetProperty("runId", out var run) && run.TryGetGuid(out var runGuid) ? runGuid : (Guid?)null;
            var version = root.TryGetProperty("flowVersion", out var v) && v.TryGetInt32(out var number) ? number : (int?)null;
            var itemA = Text(root, "itemIdA");
            var itemB = Text(root, "itemIdB");
            var writes = new List<FieldWrite>();
            foreach (var change in changes.EnumerateArray())
            {
                var side = Text(change, "side") ?? "?";
                writes.Add(new FieldWrite(
                    eventId,
                    at,
                    runId,
                    version,
                    side,
                    Text(change, "itemId") ?? string.Empty,
                    side == "A" ? itemB : itemA,
                    Text(change, "field") ?? string.Empty,
                    Text(change, "old"),
                    Text(change, "new"),
                    change.TryGetProperty("conflict", out var conflict) && conflict.ValueKind == JsonValueKind.True));
            }

            return writes;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
