namespace IntegrationPortal.Application.Requests.Backlog;

/// <summary>The IT queue's settings, read from the "Requests" section.</summary>
public sealed class BacklogOptions
{
    public const string SectionName = "Requests";

    /// <summary>The days IT has to decide a request after its submission before the queue shows it as overdue.</summary>
    public int ReviewSlaDays { get; set; } = 5;
}
