using IntegrationPortal.Application.Policies;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests;

/// <summary>
/// Checks a request at submission against the catalog, IT's policies and the templates of its tool
/// pair, and decides whether it may be approved at once.
/// </summary>
public sealed class RequestScreening(IPolicyEvaluator policies, ITemplateMatcher templates)
{
    public async Task<ScreeningResult> ScreenAsync(IntegrationRequest request, RequestCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        var fields = RequestFields.Split(request.Fields);

        // A request names fields, not a flow's exact keys on each side, so each field is checked as
        // itself on both sides, and containers and item scope stay unknown until a flow is built.
        var subject = new PolicySubject(
            request.ToolA,
            request.ToolB,
            null,
            null,
            [.. fields.Select(field => new PolicyFieldUse(field, field, request.Direction))],
            null);
        var verdict = await policies.EvaluateAsync(subject, cancellationToken);
        var shape = new RequestShape(request.ToolA, request.ToolB, request.UseCase, fields, request.Direction, request.Classification);
        var matches = await templates.MatchAsync(shape, cancellationToken);
        return new ScreeningResult(catalog.Find(request.ToolA), catalog.Find(request.ToolB), verdict, matches.Count == 0 ? null : matches[0]);
    }
}

/// <summary>
/// The outcome of <see cref="RequestScreening"/>. A null tool means the tool is not in the catalog.
/// </summary>
public sealed record ScreeningResult(Tool? ToolA, Tool? ToolB, PolicyVerdict Verdict, TemplateMatch? BestMatch)
{
    public bool ToolsApproved => ToolA?.Status == ToolStatus.Approved && ToolB?.Status == ToolStatus.Approved;

    /// <summary>True when both tools are approved, no policy is broken and the best template approves at once.</summary>
    public bool ApprovesAtOnce => ToolsApproved && Verdict.IsAllowed && BestMatch is { ApprovesAtOnce: true };

    /// <summary>What IT has to see before deciding: tools outside the approved catalog, then the policy violations.</summary>
    public IReadOnlyList<string> Findings(string toolA, string toolB)
    {
        var findings = new List<string>();
        AddCatalogFinding(findings, toolA, ToolA);
        if (!string.Equals(toolA, toolB, StringComparison.OrdinalIgnoreCase))
        {
            AddCatalogFinding(findings, toolB, ToolB);
        }

        foreach (var violation in Verdict.Violations)
        {
            // The evaluator also reports each tool's catalog status, worded for a flow. The catalog
            // finding above covers it for a request, so the requester reads it once.
            if (violation.Field is nameof(PolicySubject.ToolA) or nameof(PolicySubject.ToolB))
            {
                continue;
            }

            if (!findings.Contains(violation.Message, StringComparer.Ordinal))
            {
                findings.Add(violation.Message);
            }
        }

        return findings;
    }

    private static void AddCatalogFinding(List<string> findings, string name, Tool? tool)
    {
        var finding = tool switch
        {
            null => $"{name} is not in the tool catalog, so IT has to decide whether it may be connected at all.",
            { Status: ToolStatus.Blocked } => $"{tool.Name} is blocked in the tool catalog{Reason(tool)}.",
            { Status: ToolStatus.UnderReview } => $"{tool.Name} is still under review in the tool catalog.",
            _ => null,
        };
        if (finding is not null)
        {
            findings.Add(finding);
        }
    }

    private static string Reason(Tool tool) => string.IsNullOrEmpty(tool.Reason) ? string.Empty : $": {tool.Reason}";
}

/// <summary>The tool catalog, read whole for one request because a portal lists tens of tools.</summary>
public sealed class RequestCatalog(IReadOnlyList<Tool> tools)
{
    /// <summary>
    /// Returns the catalog key of a tool typed as its key or its name, in any case, or the trimmed
    /// text itself for a tool that is not in the catalog.
    /// </summary>
    public string Resolve(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var text = typed.Trim();
        return Find(text)?.Key ?? text;
    }

    public Tool? Find(string keyOrName) =>
        tools.FirstOrDefault(t => string.Equals(t.Key, keyOrName, StringComparison.OrdinalIgnoreCase))
        ?? tools.FirstOrDefault(t => string.Equals(t.Name, keyOrName, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Reads the comma-separated field list that requesters type.</summary>
public static class RequestFields
{
    public static IReadOnlyList<string> Split(string fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return [.. fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
