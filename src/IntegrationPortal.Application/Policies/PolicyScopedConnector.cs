using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Application.Policies;

/// <summary>
/// A connector that hides from a run the changed items that IT's item scope policy keeps out of
/// flows: items without the required condition and items with an excluded one. Every other call
/// goes to the tool's own connector unchanged.
/// </summary>
// NOTE: only reads of changed items are filtered. An item linked before the policy changed can still
// receive a value when its counterpart changes, and an item created from the other side is not given
// the required condition.
internal sealed class PolicyScopedConnector(IConnector inner, ItemScopePolicy scope) : IConnector
{
    public IReadOnlyList<FieldDescriptor> Fields => inner.Fields;

    public Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken) => inner.TestAsync(cancellationToken);

    public Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(CancellationToken cancellationToken) =>
        inner.ListContainersAsync(cancellationToken);

    public async Task<IReadOnlyList<SyncItem>> ReadChangedAsync(string container, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var items = await inner.ReadChangedAsync(container, since, cancellationToken);
        return [.. items.Where(IsAllowed)];
    }

    public Task<SyncItem?> GetAsync(string container, string itemId, CancellationToken cancellationToken) =>
        inner.GetAsync(container, itemId, cancellationToken);

    public Task<SyncItem> CreateAsync(
        string container, IReadOnlyDictionary<string, string?> fields, string? createToken, CancellationToken cancellationToken) =>
        inner.CreateAsync(container, fields, createToken, cancellationToken);

    public Task<SyncItem?> FindByCreateTokenAsync(
        string container, string createToken, DateTimeOffset createdAfter, CancellationToken cancellationToken) =>
        inner.FindByCreateTokenAsync(container, createToken, createdAfter, cancellationToken);

    public Task UpdateAsync(
        string container, string itemId, IReadOnlyDictionary<string, string?> fields, string? expectedVersion, CancellationToken cancellationToken) =>
        inner.UpdateAsync(container, itemId, fields, expectedVersion, cancellationToken);

    public Task CloseAsync(string container, string itemId, CancellationToken cancellationToken) =>
        inner.CloseAsync(container, itemId, cancellationToken);

    /// <summary>Returns true when the item meets the required condition, if any, and no excluded one.</summary>
    public bool IsAllowed(SyncItem item) =>
        (scope.Required is null || Meets(item, scope.Required)) && !scope.Excluded.Any(rule => Meets(item, rule));

    private bool Meets(SyncItem item, ScopeRule rule)
    {
        var key = inner.Fields.FirstOrDefault(f => string.Equals(f.Key, rule.Field, StringComparison.OrdinalIgnoreCase));
        var value = key is null ? null : item.Fields.GetValueOrDefault(key.Key);
        if (value is null)
        {
            return false;
        }

        var expected = rule.Value.Trim();
        return key!.Kind == FieldKind.Labels
            ? LabelSet.Split(value).Contains(expected, StringComparer.OrdinalIgnoreCase)
            : string.Equals(value.Trim(), expected, StringComparison.OrdinalIgnoreCase);
    }
}
