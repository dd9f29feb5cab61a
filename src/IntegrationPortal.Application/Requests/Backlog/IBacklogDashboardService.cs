using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests.Backlog;

/// <summary>Figures about the backlog for the IT queue's dashboard; IT admins only.</summary>
public interface IBacklogDashboardService
{
    Task<BacklogDashboard> GetAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The dashboard's figures at <see cref="At"/>. Medians are null while no request has reached the
/// step; <see cref="ShareApprovedByTemplate"/> is null while nothing is approved.
/// </summary>
public sealed record BacklogDashboard(
    DateTimeOffset At,
    IReadOnlyList<CountBy<string>> OpenByAge,
    IReadOnlyList<CountBy<string>> OpenByToolPair,
    IReadOnlyList<CountBy<RequestStatus>> OpenByStatus,
    IReadOnlyList<CountBy<DateOnly>> ApprovalsPerWeek,
    TimeSpan? MedianToApproval,
    TimeSpan? MedianToLive,
    int Approved,
    int ApprovedByTemplate)
{
    public double? ShareApprovedByTemplate => Approved == 0 ? null : (double)ApprovedByTemplate / Approved;
}

/// <summary>A count of requests under one key: an age bucket, a tool pair, a status or a week's Monday.</summary>
public sealed record CountBy<TKey>(TKey Key, int Count);
