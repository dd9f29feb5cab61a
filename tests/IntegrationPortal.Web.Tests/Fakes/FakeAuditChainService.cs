using IntegrationPortal.Application.Audit.Chain;

namespace IntegrationPortal.Web.Tests.Fakes;

public sealed class FakeAuditChainService : IAuditChainService
{
    /// <summary>The report that the next check returns, after reporting <see cref="Progress"/>.</summary>
    public AuditChainReport Report { get; set; } = new(0, 1, 0, new string('0', 64), null);

    public AuditVerificationProgress? Progress { get; set; }

    public int Checks { get; private set; }

    public Task<AuditChainReport> CheckAsync(IProgress<AuditVerificationProgress>? progress, CancellationToken cancellationToken)
    {
        Checks++;
        if (Progress is { } value)
        {
            progress?.Report(value);
        }

        return Task.FromResult(Report);
    }

    public Task<AuditChainReport> VerifyScheduledAsync(CancellationToken cancellationToken) => Task.FromResult(Report);
}
