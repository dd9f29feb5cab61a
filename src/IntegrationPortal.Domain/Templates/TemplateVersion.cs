using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;

namespace IntegrationPortal.Domain.Templates;

/// <summary>
/// One saved version of a template. A version never changes once saved: an edit adds the next
/// version, so flows and requests can always read the version they were checked against.
/// </summary>
public sealed class TemplateVersion
{
    private List<TemplateField> _fields = [];
    private List<FieldMapping> _defaultMappings = [];

    private TemplateVersion()
    {
        Name = string.Empty;
        ToolA = string.Empty;
        ToolB = string.Empty;
        UseCase = string.Empty;
        CreatedBy = string.Empty;
    }

    internal TemplateVersion(Guid templateId, int number, TemplateDefinition definition, string createdBy, DateTimeOffset at)
    {
        TemplateId = templateId;
        Number = number;
        Name = definition.Name;
        ToolA = definition.ToolA;
        ToolB = definition.ToolB;
        UseCase = definition.UseCase;
        _fields = [.. definition.Fields];
        _defaultMappings = [.. definition.DefaultMappings];
        Filter = definition.Filter;
        MinScheduleMinutes = definition.MinScheduleMinutes;
        MaxScheduleMinutes = definition.MaxScheduleMinutes;
        MaxClassification = definition.MaxClassification;
        AutoApproves = definition.AutoApproves;
        CreatedBy = createdBy;
        CreatedAt = at;
    }

    public Guid TemplateId { get; private set; }

    /// <summary>The version number, from 1.</summary>
    public int Number { get; private set; }

    public string Name { get; private set; }

    public string ToolA { get; private set; }

    public string ToolB { get; private set; }

    public string UseCase { get; private set; }

    public IReadOnlyList<TemplateField> Fields
    {
        get => _fields;
        private set => _fields = [.. value];
    }

    public IReadOnlyList<FieldMapping> DefaultMappings
    {
        get => _defaultMappings;
        private set => _defaultMappings = [.. value];
    }

    /// <summary>The item filter flows must keep, or null when flows may sync every item.</summary>
    public ItemScope? Filter { get; private set; }

    public int MinScheduleMinutes { get; private set; }

    public int MaxScheduleMinutes { get; private set; }

    /// <summary>The most sensitive data a request inside the template may carry.</summary>
    public DataClassification MaxClassification { get; private set; }

    public bool AutoApproves { get; private set; }

    /// <summary>The user name of the IT admin who saved the version.</summary>
    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The version's content, for comparing it with requests, flows and other versions.</summary>
    public TemplateDefinition Definition => new(
        Name,
        ToolA,
        ToolB,
        UseCase,
        Fields,
        DefaultMappings,
        Filter,
        MinScheduleMinutes,
        MaxScheduleMinutes,
        MaxClassification,
        AutoApproves);
}
