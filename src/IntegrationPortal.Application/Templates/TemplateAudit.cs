using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Templates;

namespace IntegrationPortal.Application.Templates;

/// <summary>Describes a template version for audit details, so a change's before and after read side by side.</summary>
internal static class TemplateAudit
{
    public static object Describe(TemplateDefinition definition) => new
    {
        definition.Name,
        definition.ToolA,
        definition.ToolB,
        definition.UseCase,
        Fields = definition.Fields.Select(f => $"{f.FieldA} {Arrow(f.Direction)} {f.FieldB}"),
        DefaultMappings = definition.DefaultMappings.Select(m => $"{m.FieldA} {Arrow(m.Direction)} {m.FieldB}" + (m.ValueMap.Count > 0 ? $" ({m.ValueMap.Count} mapped values)" : string.Empty)),
        Filter = definition.Filter is { } filter ? $"side {filter.Side} {filter.Field} contains '{filter.Value}'" : null,
        Schedule = $"every {definition.MinScheduleMinutes} to {definition.MaxScheduleMinutes} minutes",
        MaxClassification = definition.MaxClassification.ToString(),
        definition.AutoApproves,
    };

    private static string Arrow(SyncDirection direction) => direction switch
    {
        SyncDirection.AToB => "->",
        SyncDirection.BToA => "<-",
        _ => "<->",
    };
}
