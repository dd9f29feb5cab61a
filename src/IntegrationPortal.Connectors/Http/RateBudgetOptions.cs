using IntegrationPortal.Domain.Catalog;

namespace IntegrationPortal.Connectors.Http;

/// <summary>
/// The portal's own call budget per connection, shared by every flow that uses the connection.
/// Bind it from the configuration section <see cref="SectionName"/>, for example
/// <c>Connectors:RateBudget:Tools:github:CallsPerHour</c>.
/// </summary>
public sealed class RateBudgetOptions
{
    public const string SectionName = "Connectors:RateBudget";

    /// <summary>
    /// Limits per tool key. GitHub allows 5,000 REST calls an hour per token (GitHub's REST API
    /// documentation, primary rate limit) and about 80 content-creating calls a minute (secondary
    /// limit), so the default keeps 80% of the hourly limit and bursts of 80 calls. Redmine
    /// documents no limit.
    /// </summary>
    public Dictionary<string, RateBudgetLimit> Tools { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [ToolKeys.GitHub] = new RateBudgetLimit { CallsPerHour = 4000, Burst = 80 },
    };

    /// <summary>
    /// The limit of a tool without an entry in <see cref="Tools"/>. NOTE: Redmine has no documented
    /// limit, so this value is a guess that keeps one portal from flooding a small server.
    /// </summary>
    public RateBudgetLimit Default { get; set; } = new() { CallsPerHour = 7200, Burst = 60 };

    /// <summary>
    /// Maximum time a call waits for the budget within a run. A call that would wait longer is not
    /// sent, and the run ends as throttled with a follow-up run at the time the budget allows.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Returns the limit for a tool key.</summary>
    public RateBudgetLimit LimitFor(string toolKey) => Tools.TryGetValue(toolKey, out var limit) ? limit : Default;
}

/// <summary>A token bucket: up to <see cref="Burst"/> calls at once, refilled at <see cref="CallsPerHour"/>.</summary>
public sealed class RateBudgetLimit
{
    /// <summary>Calls per hour the budget refills; 0 or less turns the budget off for the tool.</summary>
    public int CallsPerHour { get; set; }

    /// <summary>Calls that can be made at once after a quiet period; at least 1.</summary>
    public int Burst { get; set; } = 1;
}
