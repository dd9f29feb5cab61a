using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Domain.Tests;

public sealed class FlowTests
{
    private static readonly DateTimeOffset PausedAt = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void New_IsDraft()
    {
        var flow = NewFlow();

        Assert.Equal(FlowStatus.Draft, flow.Status);
        Assert.Equal(1, flow.Version);
    }

    [Fact]
    public void Activate_FromDraft_IsActive()
    {
        var flow = NewFlow();

        flow.Activate();

        Assert.Equal(FlowStatus.Active, flow.Status);
    }

    [Fact]
    public void Activate_WhenActive_Throws()
    {
        var flow = NewFlow();
        flow.Activate();

        Assert.Throws<DomainException>(flow.Activate);
    }

    [Fact]
    public void Pause_WhenActive_RecordsReason()
    {
        var flow = NewFlow();
        flow.Activate();

        flow.Pause("Field policy no longer allows description.", PausedAt);

        Assert.Equal(FlowStatus.Paused, flow.Status);
        Assert.Equal("Field policy no longer allows description.", flow.PauseReason);
        Assert.Equal(PausedAt, flow.PausedAt);
    }

    [Fact]
    public void Pause_WhenDraft_Throws()
    {
        var flow = NewFlow();

        Assert.Throws<DomainException>(() => flow.Pause("Any reason.", PausedAt));

        Assert.Equal(FlowStatus.Draft, flow.Status);
    }

    [Fact]
    public void Activate_AfterPause_ClearsReason()
    {
        var flow = NewFlow();
        flow.Activate();
        flow.Pause("Maintenance window.", PausedAt);

        flow.Activate();

        Assert.Equal(FlowStatus.Active, flow.Status);
        Assert.Null(flow.PauseReason);
        Assert.Null(flow.PausedAt);
    }

    private static Flow NewFlow() => new(
        Guid.NewGuid(),
        "Support to engineering",
        Guid.NewGuid(),
        "user-1",
        "Dana Requester",
        Guid.NewGuid(),
        "support",
        Guid.NewGuid(),
        "acme/engineering",
        [new FieldMapping("subject", "title", SyncDirection.Both, [])],
        ConflictRule.MostRecentWins,
        scheduleMinutes: 15,
        new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
}
