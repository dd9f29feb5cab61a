using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Audit;

namespace IntegrationPortal.Application.Audit;

/// <summary>
/// Translates an <see cref="AuditFilter"/> to a query. Actor, action, flow and request compare
/// whole columns, so the composite indexes ending in the id serve them. Tool and text read the
/// details and cost a scan of the rows the other criteria leave.
/// </summary>
internal static class AuditFilterQuery
{
    public const int MaxTextLength = 200;

    public static void Validate(AuditFilter filter)
    {
        if (filter.From is { } from && filter.To is { } to && from >= to)
        {
            throw ValidatorExtensions.Invalid(nameof(AuditFilter.To), "The end of the date range must be after its start. Pick a later end date or clear it.");
        }

        if (filter.Text is { Length: > MaxTextLength })
        {
            throw ValidatorExtensions.Invalid(nameof(AuditFilter.Text), $"The search text is longer than {MaxTextLength} characters. Shorten it.");
        }
    }

    // EF Core translates ToLower() to SQL lower(); the culture-aware overloads that the analyzers
    // suggest have no SQL translation.
#pragma warning disable CA1304, CA1311, CA1862
    public static IQueryable<AuditEvent> Apply(this IQueryable<AuditEvent> events, AuditFilter filter)
    {
        if (Trimmed(filter.Actor) is { } actor)
        {
            events = events.Where(e => e.ActorName == actor);
        }

        if (Trimmed(filter.Action) is { } action)
        {
            events = action.EndsWith('.')
                ? events.Where(e => e.Action.StartsWith(action))
                : events.Where(e => e.Action == action);
        }

        if (Trimmed(filter.Tool) is { } tool)
        {
            // Tools appear as the target of catalog changes and by key in connection and request details.
            var toolKey = $"\"toolKey\":\"{tool}\"";
            var toolA = $"\"toolA\":\"{tool}\"";
            var toolB = $"\"toolB\":\"{tool}\"";
            events = events.Where(e => (e.TargetType == "tool" && e.TargetId == tool)
                || e.Details.Contains(toolKey) || e.Details.Contains(toolA) || e.Details.Contains(toolB));
        }

        if (filter.FlowId is { } flowId)
        {
            var id = flowId.ToString();
            events = events.Where(e => e.TargetType == "flow" && e.TargetId == id);
        }

        if (filter.RequestId is { } requestId)
        {
            // A request's own lifecycle, and the flow built from it (flow.created names the request).
            var id = requestId.ToString();
            var reference = $"\"requestId\":\"{id}\"";
            events = events.Where(e => (e.TargetType == "request" && e.TargetId == id)
                || (e.Action == AuditActions.FlowCreated && e.Details.Contains(reference)));
        }

        if (filter.From is { } from)
        {
            events = events.Where(e => e.At >= from);
        }

        if (filter.To is { } to)
        {
            events = events.Where(e => e.At < to);
        }

        if (Trimmed(filter.Text) is { } text)
        {
            // NOTE: details are stored as System.Text.Json writes them, which escapes non-ASCII
            // letters and characters such as ' + < > & as \uXXXX, so a search for them finds no details.
            var lower = text.ToLowerInvariant();
            events = events.Where(e => e.TargetId.ToLower().Contains(lower) || e.Details.ToLower().Contains(lower));
        }

        return events;
    }
#pragma warning restore CA1304, CA1311, CA1862

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
