using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Requests.Backlog;

/// <summary>
/// Computes the dashboard. Counts are SQL aggregates. Medians and weekly buckets are computed here
/// from a projection of two date columns, because EF Core translates no median or week function
/// that works on both SQLite and PostgreSQL.
/// </summary>
public sealed class BacklogDashboardService(IPortalDbContext db, ICurrentUser user, TimeProvider time) : IBacklogDashboardService
{
    /// <summary>The number of weeks, the current one included, that the approvals chart covers.</summary>
    public const int Weeks = 12;

    /// <summary>The lower bounds of the age buckets in days, with their labels.</summary>
    public static readonly IReadOnlyList<(int FromDays, string Label)> AgeBuckets =
    [
        (0, "under 2 days"),
        (2, "2 to 5 days"),
        (5, "5 to 10 days"),
        (10, "10 to 30 days"),
        (30, "30 days or more"),
    ];

    private static readonly RequestStatus[] OpenStatuses = [RequestStatus.Submitted, RequestStatus.InReview, RequestStatus.NeedsInformation];

    public async Task<BacklogDashboard> GetAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var now = time.GetUtcNow();
        var open = db.Requests.AsNoTracking().Where(r => OpenStatuses.Contains(r.Status));

        var byAge = await CountByAgeAsync(open, now, cancellationToken);
        var byPair = await CountByToolPairAsync(open, cancellationToken);
        var byStatus = await open.GroupBy(r => r.Status)
            .Select(g => new CountBy<RequestStatus>(g.Key, g.Count()))
            .ToListAsync(cancellationToken);

        // Approved means decided and not rejected: Built, Live and Retired were approved first.
        var approved = db.Requests.AsNoTracking().Where(r => r.DecidedAt != null && r.Status != RequestStatus.Rejected);
        var approvedCount = await approved.CountAsync(cancellationToken);
        var byTemplate = await approved.CountAsync(r => r.ApprovedByTemplate, cancellationToken);
        var perWeek = await ApprovalsPerWeekAsync(approved, now, cancellationToken);

        var toApproval = await approved
            .Select(r => new { r.SubmittedAt, r.DecidedAt })
            .ToListAsync(cancellationToken);
        var toLive = await db.Requests.AsNoTracking()
            .Where(r => r.LiveAt != null)
            .Select(r => new { r.SubmittedAt, r.LiveAt })
            .ToListAsync(cancellationToken);

        return new BacklogDashboard(
            now,
            byAge,
            byPair,
            [.. OpenStatuses.Select(s => byStatus.FirstOrDefault(c => c.Key == s) ?? new CountBy<RequestStatus>(s, 0))],
            perWeek,
            Median(toApproval.Where(r => r.SubmittedAt != null).Select(r => r.DecidedAt!.Value - r.SubmittedAt!.Value)),
            Median(toLive.Where(r => r.SubmittedAt != null).Select(r => r.LiveAt!.Value - r.SubmittedAt!.Value)),
            approvedCount,
            byTemplate);
    }

    /// <summary>Returns the median of the durations, the mean of the middle two for an even count, or null for none.</summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The Monday (UTC) that starts the week of <paramref name="at"/>.</summary>
    public static DateOnly WeekStart(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        return day.AddDays(-sinceMonday);
    }

    /// <summary>Counts each bucket as "submitted at or before its lower bound" minus the next bucket's count, one SQL count per bound.</summary>
    private static async Task<List<CountBy<string>>> CountByAgeAsync(IQueryable<IntegrationRequest> open, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var atLeast = new List<int>();
        foreach (var (fromDays, _) in AgeBuckets)
        {
            var submittedBy = now.AddDays(-fromDays);
            atLeast.Add(await open.CountAsync(r => r.SubmittedAt <= submittedBy, cancellationToken));
        }

        return [.. AgeBuckets.Select((bucket, i) =>
            new CountBy<string>(bucket.Label, atLeast[i] - (i + 1 < atLeast.Count ? atLeast[i + 1] : 0)))];
    }

    /// <summary>Counts per stored (ToolA, ToolB) in SQL, then joins both orders of a pair into one.</summary>
    private static async Task<List<CountBy<string>>> CountByToolPairAsync(IQueryable<IntegrationRequest> open, CancellationToken cancellationToken)
    {
        var rows = await open.GroupBy(r => new { r.ToolA, r.ToolB })
            .Select(g => new { g.Key.ToolA, g.Key.ToolB, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => RequestPattern.ToolPair(r.ToolA, r.ToolB))
            .Select(g => new CountBy<string>(g.Key, g.Sum(r => r.Count)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Key, StringComparer.Ordinal)];
    }

    private static async Task<List<CountBy<DateOnly>>> ApprovalsPerWeekAsync(IQueryable<IntegrationRequest> approved, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var firstWeek = WeekStart(now).AddDays(-7 * (Weeks - 1));
        var since = new DateTimeOffset(firstWeek.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var decided = await approved.Where(r => r.DecidedAt >= since)
            .Select(r => r.DecidedAt!.Value)
            .ToListAsync(cancellationToken);
        var counts = decided.GroupBy(WeekStart).ToDictionary(g => g.Key, g => g.Count());
        return [.. Enumerable.Range(0, Weeks)
            .Select(i => firstWeek.AddDays(7 * i))
            .Select(week => new CountBy<DateOnly>(week, counts.GetValueOrDefault(week)))];
    }
}
