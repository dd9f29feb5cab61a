using IntegrationPortal.Application.Policies;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakePolicyService : IPolicyService
{
    public Dictionary<string, ToolPolicyDto> Policies { get; } = new(StringComparer.Ordinal)
    {
        [ToolKeys.GitHub] = new ToolPolicyDto(
            ToolKeys.GitHub,
            "GitHub",
            ToolStatus.Approved,
            FieldAccess.SyncBothWays,
            [],
            ItemScopePolicy.Unrestricted,
            [
                new FieldDescriptor("title", "Title", FieldKind.Text),
                new FieldDescriptor("status", "Status", FieldKind.Choice, ["open", "closed"]),
                new FieldDescriptor("labels", "Labels", FieldKind.Labels),
            ],
            "Engineering GitHub",
            null,
            ["Issue", "Pull request"],
            "repository",
            null,
            null),
    };

    public PolicyImpactDto Impact { get; set; } = new([], []);

    public PolicySaveResult SaveResult { get; set; } = new(true, false, 0);

    public List<SaveToolPolicyCommand> Previews { get; } = [];

    public List<SaveToolPolicyCommand> Saves { get; } = [];

    public Task<IReadOnlyList<ToolPolicySummaryDto>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ToolPolicySummaryDto>>([.. Policies.Values.Select(p =>
            new ToolPolicySummaryDto(p.ToolKey, p.ToolName, p.ToolStatus, p.DefaultAccess, p.FieldRules.Count, !p.Scope.IsUnrestricted, p.ChangedAt, p.ChangedBy))]);

    public Task<ToolPolicyDto> GetAsync(string toolKey, CancellationToken cancellationToken) => Task.FromResult(Policies[toolKey]);

    public Task<PolicyImpactDto> PreviewAsync(SaveToolPolicyCommand command, CancellationToken cancellationToken)
    {
        Previews.Add(Copy(command));
        return Task.FromResult(Impact);
    }

    public Task<PolicySaveResult> SaveAsync(SaveToolPolicyCommand command, CancellationToken cancellationToken)
    {
        Saves.Add(Copy(command));
        return Task.FromResult(SaveResult);
    }

    // The page keeps editing its command after a call, so each call is recorded as it was sent.
    private static SaveToolPolicyCommand Copy(SaveToolPolicyCommand command) => new()
    {
        ToolKey = command.ToolKey,
        DefaultAccess = command.DefaultAccess,
        Fields = [.. command.Fields.Select(f => new FieldRuleInput { Field = f.Field, ItemType = f.ItemType, Access = f.Access, Classification = f.Classification })],
        AllowedContainers = [.. command.AllowedContainers],
        RequiredField = command.RequiredField,
        RequiredValue = command.RequiredValue,
        Excluded = [.. command.Excluded.Select(e => new ScopeRuleInput { Field = e.Field, Value = e.Value })],
    };
}
