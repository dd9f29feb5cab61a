using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Policies;

/// <summary>
/// The catalog entries and policies of some tools, read once so that many subjects can be judged
/// against them. The impact preview replaces one tool's policy with the unsaved proposal.
/// </summary>
public sealed class PolicySnapshot
{
    private readonly Dictionary<string, Tool> _tools;
    private readonly Dictionary<string, ToolPolicy> _policies;

    private PolicySnapshot(Dictionary<string, Tool> tools, Dictionary<string, ToolPolicy> policies)
    {
        _tools = tools;
        _policies = policies;
    }

    /// <summary>Reads the given tools' catalog entries and policies without tracking them.</summary>
    public static async Task<PolicySnapshot> LoadAsync(IPortalDbContext db, IEnumerable<string> toolKeys, CancellationToken cancellationToken)
    {
        var keys = toolKeys.Distinct(StringComparer.Ordinal).ToList();
        var tools = await db.Tools.AsNoTracking().Where(t => keys.Contains(t.Key)).ToListAsync(cancellationToken);
        var policies = await db.ToolPolicies.AsNoTracking().Where(p => keys.Contains(p.ToolKey)).ToListAsync(cancellationToken);
        return new PolicySnapshot(
            tools.ToDictionary(t => t.Key, StringComparer.Ordinal),
            policies.ToDictionary(p => p.ToolKey, StringComparer.Ordinal));
    }

    /// <summary>Returns a copy in which <paramref name="policy"/> replaces its tool's stored policy.</summary>
    public PolicySnapshot With(ToolPolicy policy)
    {
        var policies = new Dictionary<string, ToolPolicy>(_policies, StringComparer.Ordinal) { [policy.ToolKey] = policy };
        return new PolicySnapshot(_tools, policies);
    }

    public Tool? ToolOf(string toolKey) => _tools.GetValueOrDefault(toolKey);

    public ToolPolicy? PolicyOf(string toolKey) => _policies.GetValueOrDefault(toolKey);
}
