using Hangfire;
using Hangfire.Common;
using IntegrationPortal.Application.Audit.Chain;
using IntegrationPortal.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace IntegrationPortal.Infrastructure.Tests.Audit;

/// <summary>Which recurring audit jobs the settings register, and on which cron.</summary>
public sealed class AuditJobsScheduleTests
{
    [Fact]
    public void Schedule_without_retention_removes_pruning()
    {
        var recurring = new RecordingRecurringJobs();

        AuditJobs.Schedule(recurring, Options.Create(new AuditOptions { VerifyCron = "15 2 * * *" }));

        Assert.Equal("15 2 * * *", recurring.Added[AuditJobs.VerifyJobId].Cron);
        Assert.Equal(nameof(AuditJobs.VerifyAsync), recurring.Added[AuditJobs.VerifyJobId].Job.Method.Name);
        Assert.False(recurring.Added.ContainsKey(AuditJobs.PruneJobId));
        Assert.Contains(AuditJobs.PruneJobId, recurring.Removed);
    }

    [Fact]
    public void Schedule_with_retention_adds_pruning()
    {
        var recurring = new RecordingRecurringJobs();

        AuditJobs.Schedule(recurring, Options.Create(new AuditOptions { RetentionDays = 180 }));

        Assert.Equal("0 3 * * *", recurring.Added[AuditJobs.VerifyJobId].Cron);
        Assert.Equal("30 3 * * *", recurring.Added[AuditJobs.PruneJobId].Cron);
        Assert.Equal(nameof(AuditJobs.PruneAsync), recurring.Added[AuditJobs.PruneJobId].Job.Method.Name);
        Assert.Empty(recurring.Removed);
    }

    private sealed class RecordingRecurringJobs : IRecurringJobManager
    {
        public Dictionary<string, (Job Job, string Cron)> Added { get; } = [];

        public List<string> Removed { get; } = [];

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) =>
            Added[recurringJobId] = (job, cronExpression);

        public void Trigger(string recurringJobId) => throw new NotSupportedException();

        public void RemoveIfExists(string recurringJobId) => Removed.Add(recurringJobId);
    }
}
