using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Policies;

/// <summary>
/// Classifies synced fields from the field policies: a field that any of its tool's rules marks
/// confidential or personal data is sensitive, so its values are masked in audit details.
/// </summary>
/// <remarks>
/// Registered per scope, and a sync run has a scope of its own, so each flow's classification is
/// read once per run and a policy saved during a run applies from the next run on. The read is
/// synchronous because <see cref="IFieldClassification"/> is called while an audit event is built.
/// </remarks>
internal sealed class PolicyFieldClassification(IPortalDbContext db) : IFieldClassification
{
    private readonly Dictionary<Guid, HashSet<(string Side, string Field)>> _sensitiveByFlow = [];

    public bool IsSensitive(Guid flowId, string side, string field)
    {
        if (!_sensitiveByFlow.TryGetValue(flowId, out var sensitive))
        {
            sensitive = Load(flowId);
            _sensitiveByFlow[flowId] = sensitive;
        }

        return sensitive.Contains((side, field.ToUpperInvariant()));
    }

    private HashSet<(string Side, string Field)> Load(Guid flowId)
    {
        var flow = db.Flows.AsNoTracking().Where(f => f.Id == flowId).Select(f => new { f.ConnectionAId, f.ConnectionBId }).SingleOrDefault();
        if (flow is null)
        {
            return [];
        }

        var tools = db.Connections.AsNoTracking()
            .Where(c => c.Id == flow.ConnectionAId || c.Id == flow.ConnectionBId)
            .ToDictionary(c => c.Id, c => c.ToolKey);
        var keys = tools.Values.Distinct().ToList();
        var policies = db.ToolPolicies.AsNoTracking().Where(p => keys.Contains(p.ToolKey)).ToDictionary(p => p.ToolKey);

        var sensitive = new HashSet<(string Side, string Field)>();
        AddSensitive("A", tools.GetValueOrDefault(flow.ConnectionAId), policies, sensitive);
        AddSensitive("B", tools.GetValueOrDefault(flow.ConnectionBId), policies, sensitive);
        return sensitive;
    }

    private static void AddSensitive(string side, string? toolKey, Dictionary<string, ToolPolicy> policies, HashSet<(string Side, string Field)> sensitive)
    {
        if (toolKey is null || !policies.TryGetValue(toolKey, out var policy))
        {
            return;
        }

        foreach (var rule in policy.FieldRules.Where(r => r.Classification is DataClassification.Confidential or DataClassification.PersonalData))
        {
            sensitive.Add((side, rule.Field.ToUpperInvariant()));
        }
    }
}
