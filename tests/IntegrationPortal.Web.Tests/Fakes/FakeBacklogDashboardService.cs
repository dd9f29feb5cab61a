using IntegrationPortal.Application.Requests.Backlog;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeBacklogDashboardService : IBacklogDashboardService
{
    public BacklogDashboard Dashboard { get; set; } = new(DateTimeOffset.UnixEpoch, [], [], [], [], null, null, 0, 0);

    public Task<BacklogDashboard> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Dashboard);
}
