using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Application.Policies;

/// <summary>IT admins' field and item scope policies per tool, with the impact of a change shown before it is saved.</summary>
public interface IPolicyService
{
    /// <summary>Lists every catalog tool with a summary of its policy.</summary>
    Task<IReadOnlyList<ToolPolicySummaryDto>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Reads one tool's policy and the fields IT can write rules for, discovered from a connection where one exists.</summary>
    Task<ToolPolicyDto> GetAsync(string toolKey, CancellationToken cancellationToken);

    /// <summary>
    /// Lists the flows and open requests that the proposed policy would newly forbid, and the flows
    /// paused by policy that it would allow again, without saving anything.
    /// </summary>
    Task<PolicyImpactDto> PreviewAsync(SaveToolPolicyCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the policy with an audit event per changed part (fields, item scope), then pauses the
    /// active flows that the new policy forbids.
    /// </summary>
    Task<PolicySaveResult> SaveAsync(SaveToolPolicyCommand command, CancellationToken cancellationToken);
}

public sealed record ToolPolicySummaryDto(
    string ToolKey,
    string ToolName,
    ToolStatus ToolStatus,
    FieldAccess DefaultAccess,
    int FieldRuleCount,
    bool LimitsItems,
    DateTimeOffset? ChangedAt,
    string? ChangedBy);

/// <summary>
/// A tool's policy for the editor. <see cref="FieldsConnection"/> names the connection the fields
/// were read from, or is null when the tool has no usable connection and the connector's own list is shown.
/// <see cref="ItemTypes"/> are the item types offered for rules; for Redmine it is empty and IT types a tracker.
/// </summary>
public sealed record ToolPolicyDto(
    string ToolKey,
    string ToolName,
    ToolStatus ToolStatus,
    FieldAccess DefaultAccess,
    IReadOnlyList<FieldRule> FieldRules,
    ItemScopePolicy Scope,
    IReadOnlyList<FieldDescriptor> Fields,
    string? FieldsConnection,
    string? FieldsNote,
    IReadOnlyList<string> ItemTypes,
    string ContainerNoun,
    DateTimeOffset? ChangedAt,
    string? ChangedBy);

public sealed record PolicyImpactDto(IReadOnlyList<AffectedFlowDto> Flows, IReadOnlyList<AffectedRequestDto> Requests)
{
    public bool IsEmpty => Flows.Count == 0 && Requests.Count == 0;
}

/// <summary>
/// A flow the change affects: <see cref="Violations"/> are the rules it would newly break (an active
/// flow pauses on save), or empty when <see cref="AllowedAgain"/> marks a flow paused by policy would be allowed.
/// </summary>
public sealed record AffectedFlowDto(Guid Id, string Name, string OwnerName, FlowStatus Status, IReadOnlyList<string> Violations, bool AllowedAgain);

public sealed record AffectedRequestDto(Guid Id, string UseCase, string RequesterName, RequestStatus Status, IReadOnlyList<string> Violations);

public sealed record PolicySaveResult(bool FieldsChanged, bool ScopeChanged, int FlowsPaused, int FlowsResumed = 0);

/// <summary>The input of the policy editor for one tool; mutable so the form can bind to it.</summary>
public sealed class SaveToolPolicyCommand
{
    public string ToolKey { get; set; } = string.Empty;

    /// <summary>The access of fields without a rule; <see cref="FieldAccess.Never"/> denies by default.</summary>
    public FieldAccess DefaultAccess { get; set; } = FieldAccess.SyncBothWays;

    public List<FieldRuleInput> Fields { get; set; } = [];

    /// <summary>The projects or repositories flows may use; empty allows every one.</summary>
    public List<string> AllowedContainers { get; set; } = [];

    /// <summary>The field that every synced item must match, or empty for none.</summary>
    public string RequiredField { get; set; } = string.Empty;

    public string RequiredValue { get; set; } = string.Empty;

    /// <summary>Conditions that keep items out of every flow, such as labels "security".</summary>
    public List<ScopeRuleInput> Excluded { get; set; } = [];
}

public sealed class FieldRuleInput
{
    public string Field { get; set; } = string.Empty;

    /// <summary>The item type the rule applies to, or empty for every type.</summary>
    public string ItemType { get; set; } = string.Empty;

    /// <summary>The access of the field, or null to follow the tool's default access.</summary>
    public FieldAccess? Access { get; set; }

    public DataClassification Classification { get; set; } = DataClassification.Internal;
}

public sealed class ScopeRuleInput
{
    public string Field { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
