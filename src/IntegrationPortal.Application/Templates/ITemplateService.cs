using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Domain.Templates;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Application.Templates;

/// <summary>Templates as IT admins keep them: list, read with history, create, change with a preview, retire.</summary>
public interface ITemplateService
{
    Task<IReadOnlyList<TemplateSummaryDto>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Returns the template with every version, newest first.</summary>
    Task<TemplateDetailDto> GetAsync(Guid templateId, CancellationToken cancellationToken);

    /// <summary>Returns the catalog's tools that have a connector, with their fields, for the template editor.</summary>
    Task<IReadOnlyList<TemplateToolDto>> ListToolsAsync(CancellationToken cancellationToken);

    /// <summary>Saves a new template as version 1 and returns its id.</summary>
    Task<Guid> CreateAsync(SaveTemplateCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Lists what saving <paramref name="command"/> as the template's next version would affect,
    /// without saving anything: the flows built from the template and the open requests that fit it.
    /// </summary>
    Task<TemplateImpactDto> PreviewChangeAsync(Guid templateId, SaveTemplateCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="command"/> as the template's next version. Active flows built from the
    /// template that fall outside the new version are paused with the reason.
    /// </summary>
    Task<TemplateChangeResult> UpdateAsync(Guid templateId, SaveTemplateCommand command, CancellationToken cancellationToken);

    /// <summary>Stops the template from matching new requests; flows built from it keep running.</summary>
    Task RetireAsync(Guid templateId, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the current version of the template that the request stays inside, for the flow builder
    /// to start from, or null when the request has none. The request's requester and IT admins may ask.
    /// </summary>
    Task<TemplateVersionDto?> FindForRequestAsync(Guid requestId, CancellationToken cancellationToken);
}

public sealed record TemplateSummaryDto(
    Guid Id,
    string Name,
    string ToolA,
    string ToolAName,
    string ToolB,
    string ToolBName,
    string UseCase,
    int Version,
    bool AutoApproves,
    bool IsRetired,
    int FlowsBuilt);

public sealed record TemplateDetailDto(TemplateSummaryDto Summary, string? RetireReason, IReadOnlyList<TemplateVersionDto> Versions)
{
    public TemplateVersionDto Current => Versions[0];
}

public sealed record TemplateVersionDto(Guid TemplateId, int Number, string CreatedBy, DateTimeOffset CreatedAt, TemplateDefinition Definition);

public sealed record TemplateToolDto(string Key, string Name, IReadOnlyList<FieldDescriptor> Fields);

/// <summary>What saving a template change would affect; see <see cref="ITemplateService.PreviewChangeAsync"/>.</summary>
public sealed record TemplateImpactDto(int NextVersion, IReadOnlyList<TemplateFlowImpactDto> Flows, IReadOnlyList<TemplateRequestImpactDto> Requests);

/// <summary>A flow built from the template, and how it would go beyond the new version (empty when it stays inside).</summary>
public sealed record TemplateFlowImpactDto(Guid FlowId, string Name, string OwnerName, FlowStatus Status, int? BuiltFromVersion, IReadOnlyList<string> Outside)
{
    public bool FallsOutside => Outside.Count > 0;

    /// <summary>True when saving pauses the flow: it runs now and falls outside the new version.</summary>
    public bool WillPause => FallsOutside && Status == FlowStatus.Active;
}

/// <summary>An open request that stays inside the template now, or would after the change.</summary>
public sealed record TemplateRequestImpactDto(
    Guid RequestId,
    string UseCase,
    string RequesterName,
    RequestStatus Status,
    bool InsideNow,
    bool InsideAfter,
    IReadOnlyList<string> DifferencesAfter);

/// <summary>The version a change saved and the flows it paused.</summary>
public sealed record TemplateChangeResult(int Version, IReadOnlyList<Guid> PausedFlowIds);

/// <summary>The input of the template editor; mutable so the form can bind to it.</summary>
public sealed class SaveTemplateCommand
{
    public string Name { get; set; } = string.Empty;

    public string ToolA { get; set; } = string.Empty;

    public string ToolB { get; set; } = string.Empty;

    public string UseCase { get; set; } = string.Empty;

    /// <summary>The field pairs flows may map, each with the widest direction allowed.</summary>
    public List<TemplateFieldInput> Fields { get; set; } = [];

    /// <summary>The default mappings a flow builder starts from; named like the flow's so the mapping table shows their errors.</summary>
    public List<FieldMappingInput> Mappings { get; set; } = [];

    /// <summary>The side whose items flows must filter, or null when flows may sync every item.</summary>
    public ScopeSide? ScopeSide { get; set; }

    public string ScopeField { get; set; } = string.Empty;

    public string ScopeValue { get; set; } = string.Empty;

    public int MinScheduleMinutes { get; set; } = 5;

    public int MaxScheduleMinutes { get; set; } = 60;

    public DataClassification MaxClassification { get; set; } = DataClassification.Internal;

    public bool AutoApproves { get; set; }

    /// <summary>Returns a command that contains <paramref name="definition"/>, for editing it into the next version.</summary>
    public static SaveTemplateCommand From(TemplateDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new SaveTemplateCommand
        {
            Name = definition.Name,
            ToolA = definition.ToolA,
            ToolB = definition.ToolB,
            UseCase = definition.UseCase,
            Fields = [.. definition.Fields.Select(f => new TemplateFieldInput { FieldA = f.FieldA, FieldB = f.FieldB, Direction = f.Direction })],
            Mappings = [.. definition.DefaultMappings.Select(ToInput)],
            ScopeSide = definition.Filter?.Side,
            ScopeField = definition.Filter?.Field ?? string.Empty,
            ScopeValue = definition.Filter?.Value ?? string.Empty,
            MinScheduleMinutes = definition.MinScheduleMinutes,
            MaxScheduleMinutes = definition.MaxScheduleMinutes,
            MaxClassification = definition.MaxClassification,
            AutoApproves = definition.AutoApproves,
        };
    }

    /// <summary>Returns the flow builder's input for one of a template's default mappings.</summary>
    public static FieldMappingInput ToInput(FieldMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return new FieldMappingInput
        {
            FieldA = mapping.FieldA,
            FieldB = mapping.FieldB,
            Direction = mapping.Direction,
            ConflictRule = mapping.ConflictRule,
            ValueMap = [.. mapping.ValueMap.Select(v => new ValueMapInput { ValueA = v.ValueA, ValueB = v.ValueB })],
        };
    }
}

public sealed class TemplateFieldInput
{
    public string FieldA { get; set; } = string.Empty;

    public string FieldB { get; set; } = string.Empty;

    public SyncDirection Direction { get; set; } = SyncDirection.Both;
}
