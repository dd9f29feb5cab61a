namespace IntegrationPortal.Web.Hosting;

/// <summary>
/// What this process does: serve the portal ("web"), run sync jobs ("worker"), or both (the
/// default). Set with --role on the command line or the Role setting.
/// </summary>
public sealed record HostRole(bool ServesWeb, bool RunsJobs)
{
    public static HostRole Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "both" => new HostRole(true, true),
        "web" => new HostRole(true, false),
        "worker" => new HostRole(false, true),
        _ => throw new ArgumentException($"Role '{value}' is not valid; use web, worker or both.", nameof(value)),
    };

    public string Describe()
    {
        if (ServesWeb && RunsJobs)
        {
            return "web and worker";
        }

        return ServesWeb ? "web" : "worker";
    }
}
