using IntegrationPortal.Sync.Connectors;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Connectors.Redmine;

/// <summary>
/// Placeholder with the Redmine connector's constructor and field list so the factory compiles.
/// TODO: replaced by the real Redmine connector when the branches merge; every call throws until then.
/// </summary>
#pragma warning disable CS9113 // The placeholder keeps the real constructor's parameters without using them.
public sealed class RedmineConnector(HttpClient http, Uri baseUrl, string apiKey, ILogger<RedmineConnector> logger) : IConnector
#pragma warning restore CS9113
{
    public static IReadOnlyList<FieldDescriptor> StaticFields { get; } = [];

    public IReadOnlyList<FieldDescriptor> Fields => StaticFields;

    public Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken) => throw NotBuilt();

    public Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(CancellationToken cancellationToken) => throw NotBuilt();

    public Task<IReadOnlyList<SyncItem>> ReadChangedAsync(string container, DateTimeOffset? since, CancellationToken cancellationToken) =>
        throw NotBuilt();

    public Task<SyncItem?> GetAsync(string container, string itemId, CancellationToken cancellationToken) => throw NotBuilt();

    public Task<SyncItem> CreateAsync(string container, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken) =>
        throw NotBuilt();

    public Task UpdateAsync(string container, string itemId, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken) =>
        throw NotBuilt();

    private static NotSupportedException NotBuilt() =>
        new("The Redmine connector is a placeholder in this build; merge the Redmine connector to use it.");
}
