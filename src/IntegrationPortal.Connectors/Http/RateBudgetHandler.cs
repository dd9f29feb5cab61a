using IntegrationPortal.Sync.Connectors;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Connectors.Http;

/// <summary>
/// Spends one call of the connection's rate budget per attempt, between the retry handler and the
/// attempt timeout, so retries count and a wait for the budget is not cut by the attempt timeout.
/// The connection comes from the <see cref="ConnectionKeyHeader"/> header that
/// <see cref="ConnectorFactory"/> sets; the handler removes it, so the tool never receives it.
/// A request without the header (a connection test, or a connector made without a key) is not budgeted.
/// </summary>
internal sealed class RateBudgetHandler(
    string toolKey,
    ConnectionRateBudgets budgets,
    RateBudgetOptions options,
    ConnectorResilienceOptions resilience,
    ILogger logger) : DelegatingHandler
{
    /// <summary>The request header that carries the connection key from the connector to this handler.</summary>
    public const string ConnectionKeyHeader = "X-IntegrationPortal-Connection";

    private static readonly HttpRequestOptionsKey<string> ConnectionKeyOption = new(ConnectionKeyHeader);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var connectionKey = TakeConnectionKey(request);
        if (connectionKey is null || budgets.Get(connectionKey, toolKey) is not { } budget)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var reservation = budget.Reserve(options.MaxWait);
        if (!reservation.Granted)
        {
            logger.LogWarning(
                "The rate budget of connection {ConnectionKey} is spent; {Method} {Path} would wait {Wait}, longer than {MaxWait}",
                connectionKey, request.Method, request.RequestUri?.AbsolutePath, reservation.Wait, options.MaxWait);
            throw new ConnectorThrottledException(
                $"The portal's rate budget for this {toolKey} connection is spent, so {request.Method} {request.RequestUri?.AbsolutePath} was not sent. "
                + $"The next call is allowed at {reservation.AllowedAt:u}; raise {RateBudgetOptions.SectionName}:Tools:{toolKey}:CallsPerHour if the tool allows more.",
                reservation.AllowedAt);
        }

        if (reservation.Wait > TimeSpan.Zero)
        {
            logger.LogDebug("Waiting {Wait} for the rate budget of connection {ConnectionKey}", reservation.Wait, connectionKey);
            await Task.Delay(reservation.Wait, resilience.TimeProvider, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    // The retry handler sends the same request message again, so the key moves from the header
    // to the request's options on the first attempt.
    private static string? TakeConnectionKey(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(ConnectionKeyOption, out var stored))
        {
            return stored;
        }

        if (!request.Headers.TryGetValues(ConnectionKeyHeader, out var values))
        {
            return null;
        }

        var key = values.FirstOrDefault();
        request.Headers.Remove(ConnectionKeyHeader);
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        request.Options.Set(ConnectionKeyOption, key);
        return key;
    }
}
