using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Domain.Tests;

public sealed class FlowTests
{
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

        flow.Pause("Field policy no longer allows description.");

        Assert.Equal(FlowStatus.Paused, flow.Status);
        Assert.Equal("Field policy no longer allows description.", flow.PauseReason);
    }

    [Fact]
    public void Pause_WhenDraft_Throws()
    {
        var flow = NewFlow();

        Assert.Throws<DomainException>(() => flow.Pause("Any reason."));

        Assert.Equal(FlowStatus.Draft, flow.Status);
    }

    [Fact]
    public void Activate_AfterPause_ClearsReason()
    {
        var flow = NewFlow();
        flow.Activate();
        flow.Pause("Maintenance window.");

        flow.Activate();

        Assert.Equal(FlowStatus.Active, flow.Status);
        Assert.Null(flow.PauseReason);
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
