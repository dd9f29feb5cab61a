using IntegrationPortal.Application.Requests.Backlog;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Requests.Backlog;

/// <summary>The dashboard's figures on both providers at a fixed time (Friday 2026-11-20 12:00 UTC).</summary>
public sealed class BacklogDashboardServiceTests
{
    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Figures_count_open_requests_by_age_pair_and_status(string provider)
    {
        await using var bed = await BacklogTestBed.StartAsync(provider);
        await bed.AddAsync("a", daysAgo: 1);
        await bed.AddAsync("b", daysAgo: 3, (r, at) => r.StartReview(at));
        await bed.AddAsync("c", daysAgo: 6, (r, at) => r.AskForInformation(at), toolA: "github", toolB: "redmine");
        await bed.AddAsync("d", daysAgo: 40, toolA: "redmine", toolB: "redmine");
        await bed.AddAsync("e", daysAgo: 2, (r, at) => r.Reject("ivan", "No.", at));

        var figures = await GetAsync(bed);

        Assert.Equal([1, 1, 1, 0, 1], figures.OpenByAge.Select(b => b.Count));
        Assert.Equal([("github+redmine", 3), ("redmine+redmine", 1)], figures.OpenByToolPair.Select(c => (c.Key, c.Count)));
        Assert.Equal(
            [(RequestStatus.Submitted, 2), (RequestStatus.InReview, 1), (RequestStatus.NeedsInformation, 1)],
            figures.OpenByStatus.Select(c => (c.Key, c.Count)));
    }

    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task Figures_give_medians_weeks_and_template_share(string provider)
    {
        await using var bed = await BacklogTestBed.StartAsync(provider);
        // Submitted 10 days ago, approved after 1, 2 and 4 days; the last one went live 3 days after its submission.
        await bed.AddAsync("a", daysAgo: 10, (r, at) => r.Approve("ivan", at.AddDays(1)));
        await bed.AddAsync("b", daysAgo: 10, (r, at) => r.ApproveByTemplate(Guid.NewGuid(), "Bugs", 1, at.AddDays(2)));
        await bed.AddAsync("c", daysAgo: 10, (r, at) =>
        {
            r.Approve("ivan", at.AddDays(4));
            r.MarkBuilt(at.AddDays(5));
            r.MarkLive(at.AddDays(7));
        });
        await bed.AddAsync("d", daysAgo: 10, (r, at) => r.Reject("ivan", "No.", at.AddDays(1)));

        var figures = await GetAsync(bed);

        Assert.Equal(TimeSpan.FromDays(2), figures.MedianToApproval);
        Assert.Equal(TimeSpan.FromDays(7), figures.MedianToLive);
        Assert.Equal(3, figures.Approved);
        Assert.Equal(1, figures.ApprovedByTemplate);
        Assert.Equal(1.0 / 3, figures.ShareApprovedByTemplate);

        // Approvals on Nov 11 (Wednesday), Nov 12 and Nov 14 (Saturday): all in the week of Monday Nov 9.
        Assert.Equal(BacklogDashboardService.Weeks, figures.ApprovalsPerWeek.Count);
        Assert.Equal(new DateOnly(2026, 11, 16), figures.ApprovalsPerWeek[^1].Key);
        Assert.Equal(3, figures.ApprovalsPerWeek.Single(w => w.Key == new DateOnly(2026, 11, 9)).Count);
        Assert.Equal(3, figures.ApprovalsPerWeek.Sum(w => w.Count));
    }

    [Fact]
    public async Task Figures_without_decisions_have_no_medians()
    {
        await using var bed = await BacklogTestBed.StartAsync();
        await bed.AddAsync("a", daysAgo: 1);

        var figures = await GetAsync(bed);

        Assert.Null(figures.MedianToApproval);
        Assert.Null(figures.MedianToLive);
        Assert.Null(figures.ShareApprovedByTemplate);
    }

    [Fact]
    public void Median_of_even_count_is_mean_of_middle_two()
    {
        var median = BacklogDashboardService.Median([TimeSpan.FromHours(4), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(10)]);

        Assert.Equal(TimeSpan.FromHours(3), median);
    }

    private static async Task<BacklogDashboard> GetAsync(BacklogTestBed bed)
    {
        await using var admin = bed.Admin();
        return await admin.ServiceProvider.GetRequiredService<IBacklogDashboardService>().GetAsync(CancellationToken.None);
    }
}
