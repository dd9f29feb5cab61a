using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Application.Connections;

/// <summary>
/// Wraps a connection's connector during a sync run and notes whether the tool accepted the
/// connection and the last connection-level failure, so the run can record the connection's health.
/// Failures of single items (an invalid value, a missing item) concern the item, not the
/// connection, so they are not noted.
/// </summary>
internal sealed class ConnectionHealthProbe(Connection connection, IConnector inner) : IConnector
{
    public Connection Connection { get; } = connection;

    /// <summary>True once any call returned normally.</summary>
    public bool Succeeded { get; private set; }

    /// <summary>The message of the last connection-level failure, or null when there was none.</summary>
    public string? Failure { get; private set; }

    public IReadOnlyList<FieldDescriptor> Fields => inner.Fields;

    public Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken) =>
        ObserveAsync(() => inner.TestAsync(cancellationToken));

    public Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(CancellationToken cancellationToken) =>
        ObserveAsync(() => inner.ListContainersAsync(cancellationToken));

    public Task<IReadOnlyList<SyncItem>> ReadChangedAsync(string container, DateTimeOffset? since, CancellationToken cancellationToken) =>
        ObserveAsync(() => inner.ReadChangedAsync(container, since, cancellationToken));

    public Task<SyncItem?> GetAsync(string container, string itemId, CancellationToken cancellationToken) =>
        ObserveAsync(() => inner.GetAsync(container, itemId, cancellationToken));

    public Task<SyncItem> CreateAsync(
        string container, IReadOnlyDictionary<string, string?> fields, string? createToken, CancellationToken cancellationToken) =>
        ObserveAsync(() => inner.CreateAsync(container, fields, createToken, cancellationToken));

    public Task<SyncItem?> FindByCreateTokenAsync(
        string container, string createToken, DateTimeOffset createdAfter, CancellationToken cancellationToken) =>
        ObserveAsync(() => inner.FindByCreateTokenAsync(container, createToken, createdAfter, cancellationToken));

    public Task UpdateAsync(
        string container,
        string itemId,
        IReadOnlyDictionary<string, string?> fields,
        string? expectedVersion,
        CancellationToken cancellationToken) =>
        ObserveAsync(async () =>
        {
            await inner.UpdateAsync(container, itemId, fields, expectedVersion, cancellationToken);
            return true;
        });

    public Task CloseAsync(string container, string itemId, CancellationToken cancellationToken) =>
        ObserveAsync(async () =>
        {
            await inner.CloseAsync(container, itemId, cancellationToken);
            return true;
        });

    /// <summary>
    /// A rejected credential (401, 403), a server error (5xx) or no response at all is a problem of
    /// the connection. Any other status concerns one item.
    /// </summary>
    private static bool IsConnectionFailure(ConnectorException exception) =>
        exception is not ConnectorThrottledException
        && exception.StatusCode is null or 401 or 403 or >= 500;

    private async Task<T> ObserveAsync<T>(Func<Task<T>> call)
    {
        try
        {
            var result = await call();
            Succeeded = true;
            return result;
        }
        catch (ConnectorException exception) when (IsConnectionFailure(exception))
        {
            Failure = exception.Message;
            throw;
        }
        catch (HttpRequestException exception)
        {
            Failure = exception.Message;
            throw;
        }
    }
}
