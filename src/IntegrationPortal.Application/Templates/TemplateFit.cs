using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Templates;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Application.Templates;

/// <summary>
/// Compares requests and flows with a template definition and words each difference as a sentence
/// for the IT queue or the flow builder. Tools are named by their catalog names.
/// </summary>
public sealed class TemplateFit(IConnectorFactory connectors, IReadOnlyDictionary<string, string> toolNames)
{
    /// <summary>Returns how the request goes beyond the template; an empty list means it stays inside.</summary>
    public IReadOnlyList<string> RequestDifferences(TemplateDefinition template, RequestShape request)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(request);

        if (Orientation(template, request.ToolA, request.ToolB) is not { } reversed)
        {
            return [$"connects {ToolName(request.ToolA)} and {ToolName(request.ToolB)}; the template is for {Pair(template)}"];
        }

        var differences = new List<string>();
        var matched = new List<TemplateField>();
        foreach (var name in DistinctNames(request.Fields))
        {
            var fields = template.Fields.Where(f => Names(template.ToolA, f.FieldA, name) || Names(template.ToolB, f.FieldB, name)).ToList();
            if (fields.Count == 0)
            {
                differences.Add($"asks for field {name}, which the template does not include");
            }

            matched.AddRange(fields.Where(f => !matched.Contains(f)));
        }

        var direction = reversed ? SyncDirections.Reverse(request.Direction) : request.Direction;
        differences.AddRange(DirectionDifferences(template, matched, direction));
        if (request.Classification > template.MaxClassification)
        {
            var data = request.Classification == DataClassification.PersonalData ? "personal data" : $"{Describe(request.Classification)} data";
            differences.Add($"carries {data}; the template allows up to {Describe(template.MaxClassification)}");
        }

        return differences;
    }

    /// <summary>
    /// Returns where a flow between <paramref name="toolA"/> and <paramref name="toolB"/> goes beyond
    /// the template, each with the path of the flow builder's field it concerns, such as "Mappings[1].Direction".
    /// </summary>
    public IReadOnlyList<FlowDifference> FlowDifferences(
        TemplateDefinition template, string toolA, string toolB, IReadOnlyList<FieldMapping> mappings, ItemScope? scope, int scheduleMinutes)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(mappings);

        if (Orientation(template, toolA, toolB) is not { } reversed)
        {
            return [new("ConnectionAId", $"The flow connects {ToolName(toolA)} and {ToolName(toolB)}, but template '{template.Name}' is for {Pair(template)}.")];
        }

        var differences = new List<FlowDifference>();
        for (var i = 0; i < mappings.Count; i++)
        {
            var mapping = mappings[i];
            var label = $"{mapping.FieldA} → {mapping.FieldB}";
            var field = reversed ? template.FieldFor(mapping.FieldB, mapping.FieldA) : template.FieldFor(mapping.FieldA, mapping.FieldB);
            if (field is null)
            {
                differences.Add(new($"Mappings[{i}].FieldA", $"The mapping {label} is not part of template '{template.Name}'."));
                continue;
            }

            var allowed = reversed ? SyncDirections.Reverse(field.Direction) : field.Direction;
            if (!SyncDirections.Allows(allowed, mapping.Direction))
            {
                differences.Add(new(
                    $"Mappings[{i}].Direction",
                    $"The mapping {label} copies {Describe(mapping.Direction, toolA, toolB)}; template '{template.Name}' allows {Describe(allowed, toolA, toolB)} only."));
            }
        }

        if (scheduleMinutes < template.MinScheduleMinutes || scheduleMinutes > template.MaxScheduleMinutes)
        {
            differences.Add(new(
                "ScheduleMinutes",
                $"The flow runs every {scheduleMinutes} minutes; template '{template.Name}' allows every {template.MinScheduleMinutes} to {template.MaxScheduleMinutes} minutes."));
        }

        if (template.Filter is { } filter && !Narrows(filter, reversed, scope))
        {
            var side = reversed ? Swap(filter.Side) : filter.Side;
            differences.Add(new(
                "ScopeValue",
                $"Template '{template.Name}' limits flows to items of side {side} whose {filter.Field} contains '{filter.Value}'; set the item filter to that."));
        }

        return differences;
    }

    /// <summary>
    /// Resolves a field name as a requester typed it to a field pair of the two tools. The name is the key
    /// or display name of a field of either tool, and its pair is the other tool's field with the same key
    /// or display name. Returns null when the two tools do not both have the field.
    /// </summary>
    public (string FieldA, string FieldB)? ResolvePair(string name, string toolA, string toolB)
    {
        var fieldsA = FieldsOf(toolA);
        var fieldsB = FieldsOf(toolB);
        var fieldA = Find(fieldsA, name);
        var fieldB = Find(fieldsB, name);
        fieldA ??= fieldB is null ? null : Find(fieldsA, fieldB.Key) ?? Find(fieldsA, fieldB.DisplayName);
        fieldB ??= fieldA is null ? null : Find(fieldsB, fieldA.Key) ?? Find(fieldsB, fieldA.DisplayName);
        return fieldA is null || fieldB is null ? null : (fieldA.Key, fieldB.Key);
    }

    /// <summary>Returns the tool's fields, or none for a tool the portal has no connector for.</summary>
    public IReadOnlyList<FieldDescriptor> FieldsOf(string toolKey) =>
        connectors.Supports(toolKey) ? connectors.FieldsOf(toolKey) : [];

    public string ToolName(string toolKey) => toolNames.GetValueOrDefault(toolKey, toolKey);

    /// <summary>The requested names, trimmed, without blanks and without repeats that differ only in case.</summary>
    public static IEnumerable<string> DistinctNames(IEnumerable<string> names) =>
        names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>The words an IT admin reads for a classification, such as "personal data".</summary>
    public static string Describe(DataClassification classification) => classification switch
    {
        DataClassification.PersonalData => "personal data",
        _ => classification.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Returns false when the pair is the template's, true when it is the template's pair reversed,
    /// and null for another pair. A pair of one tool with itself is never reversed.
    /// </summary>
    private static bool? Orientation(TemplateDefinition template, string toolA, string toolB)
    {
        if (SameTool(toolA, template.ToolA) && SameTool(toolB, template.ToolB))
        {
            return false;
        }

        return SameTool(toolA, template.ToolB) && SameTool(toolB, template.ToolA) ? true : null;
    }

    private static bool SameTool(string first, string second) =>
        string.Equals(first.Trim(), second.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool Narrows(ItemScope filter, bool reversed, ItemScope? scope) =>
        scope is not null
        && scope.Side == (reversed ? Swap(filter.Side) : filter.Side)
        && scope.Field == filter.Field
        && string.Equals(scope.Value.Trim(), filter.Value.Trim(), StringComparison.OrdinalIgnoreCase);

    private static ScopeSide Swap(ScopeSide side) => side == ScopeSide.A ? ScopeSide.B : ScopeSide.A;

    private static FieldDescriptor? Find(IReadOnlyList<FieldDescriptor> fields, string name) =>
        fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase))
        ?? fields.FirstOrDefault(f => string.Equals(f.DisplayName, name, StringComparison.OrdinalIgnoreCase));

    private bool Names(string toolKey, string fieldKey, string name)
    {
        if (string.Equals(fieldKey, name, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var field = FieldsOf(toolKey).FirstOrDefault(f => f.Key == fieldKey);
        return field is not null && string.Equals(field.DisplayName, name, StringComparison.OrdinalIgnoreCase);
    }

    // With no named field matched, the request is compared to the widest direction of any field, so a
    // request that only names tools and a direction still learns whether that direction is allowed.
    private IEnumerable<string> DirectionDifferences(TemplateDefinition template, List<TemplateField> matched, SyncDirection direction)
    {
        var requested = Describe(direction, template.ToolA, template.ToolB);
        if (matched.Count == 0)
        {
            var widest = template.WidestDirection;
            return SyncDirections.Allows(widest, direction)
                ? []
                : [$"asks for {requested}; the template allows {Describe(widest, template.ToolA, template.ToolB)} only"];
        }

        var outside = matched.Where(f => !SyncDirections.Allows(f.Direction, direction)).ToList();
        if (outside.Count == matched.Count && outside.All(f => f.Direction == outside[0].Direction))
        {
            return [$"asks for {requested}; the template allows {Describe(outside[0].Direction, template.ToolA, template.ToolB)} only"];
        }

        return outside.Select(f =>
            $"asks for {FieldName(template.ToolA, f.FieldA)} {requested}; the template allows it {Describe(f.Direction, template.ToolA, template.ToolB)} only");
    }

    private string FieldName(string toolKey, string fieldKey) =>
        FieldsOf(toolKey).FirstOrDefault(f => f.Key == fieldKey)?.DisplayName ?? fieldKey;

    private string Describe(SyncDirection direction, string toolA, string toolB) => direction switch
    {
        SyncDirection.AToB => $"{ToolName(toolA)} to {ToolName(toolB)}",
        SyncDirection.BToA => $"{ToolName(toolB)} to {ToolName(toolA)}",
        _ => "both ways",
    };

    private string Pair(TemplateDefinition template) => $"{ToolName(template.ToolA)} and {ToolName(template.ToolB)}";
}

/// <summary>One way a flow goes beyond its template: the flow builder's property path and a sentence.</summary>
public sealed record FlowDifference(string PropertyPath, string Message);
