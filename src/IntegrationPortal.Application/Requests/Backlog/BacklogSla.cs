using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests.Backlog;

/// <summary>The state of an open request against the review SLA.</summary>
public enum SlaState
{
    /// <summary>The request waits for its requester, so the SLA clock does not apply.</summary>
    NotApplicable,
    OnTrack,
    DueSoon,
    Overdue,
}

/// <summary>Ages and SLA states of open requests against <see cref="BacklogOptions.ReviewSlaDays"/>.</summary>
public static class BacklogSla
{
    /// <summary>
    /// Returns the SLA state of a request of the given status and age. A request is due soon in the
    /// last day before the SLA ends (in the second half of an SLA shorter than two days) and overdue after it.
    /// </summary>
    public static SlaState StateOf(RequestStatus status, TimeSpan age, int slaDays)
    {
        if (status is not (RequestStatus.Submitted or RequestStatus.InReview))
        {
            return SlaState.NotApplicable;
        }

        var sla = TimeSpan.FromDays(slaDays);
        var warning = TimeSpan.FromTicks(Math.Min(TimeSpan.FromDays(1).Ticks, sla.Ticks / 2));
        if (age > sla)
        {
            return SlaState.Overdue;
        }

        return age >= sla - warning ? SlaState.DueSoon : SlaState.OnTrack;
    }

    /// <summary>Throws when the configured SLA is not a positive number of days, naming the setting.</summary>
    public static int ValidDays(BacklogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ReviewSlaDays < 1)
        {
            throw new InvalidOperationException(
                $"{BacklogOptions.SectionName}:{nameof(BacklogOptions.ReviewSlaDays)} is {options.ReviewSlaDays}; set a number of days of 1 or more.");
        }

        return options.ReviewSlaDays;
    }
}
