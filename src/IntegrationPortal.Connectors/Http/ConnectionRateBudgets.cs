using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IntegrationPortal.Connectors.Http;

/// <summary>
/// The rate budgets of this process, one per connection, shared by every flow and connector that
/// uses the connection. NOTE: the budget is per process, so several workers on one connection each
/// spend a full budget. Beyond that, only the tool's own rate-limit responses slow them down.
/// </summary>
public sealed class ConnectionRateBudgets(IOptions<RateBudgetOptions> options, IOptions<ConnectorResilienceOptions> resilience)
{
    private readonly ConcurrentDictionary<string, ConnectionRateBudget> _budgets = new(StringComparer.Ordinal);

    /// <summary>Returns the budget of a connection, or null when the tool's budget is turned off.</summary>
    public ConnectionRateBudget? Get(string connectionKey, string toolKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionKey);
        ArgumentException.ThrowIfNullOrEmpty(toolKey);

        var limit = options.Value.LimitFor(toolKey);
        if (limit.CallsPerHour <= 0)
        {
            return null;
        }

        return _budgets.GetOrAdd($"{toolKey}/{connectionKey}", _ => new ConnectionRateBudget(limit, resilience.Value.TimeProvider));
    }
}
