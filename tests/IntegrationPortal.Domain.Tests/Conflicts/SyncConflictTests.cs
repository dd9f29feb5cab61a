using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Conflicts;
using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Domain.Tests.Conflicts;

public sealed class SyncConflictTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void New_IsOpen()
    {
        var conflict = NewConflict();

        Assert.Equal(ConflictStatus.Open, conflict.Status);
        Assert.Null(conflict.Resolution);
        Assert.Null(conflict.ClosedAt);
    }

    [Fact]
    public void Resolve_RecordsChoice()
    {
        var conflict = NewConflict();

        conflict.Resolve(ConflictResolution.Custom, "Printer stalls on tray 2", "u-1", "rita", At.AddHours(1));

        Assert.Equal(ConflictStatus.Resolved, conflict.Status);
        Assert.Equal(ConflictResolution.Custom, conflict.Resolution);
        Assert.Equal("Printer stalls on tray 2", conflict.ResolvedValue);
        Assert.Equal("u-1", conflict.ResolvedById);
        Assert.Equal("rita", conflict.ResolvedByName);
        Assert.Equal(At.AddHours(1), conflict.ClosedAt);
    }

    [Fact]
    public void Resolve_WhenResolved_Throws()
    {
        var conflict = NewConflict();
        conflict.Resolve(ConflictResolution.KeepA, "a", "u-1", "rita", At);

        var error = Assert.Throws<DomainException>(() => conflict.Resolve(ConflictResolution.KeepB, "b", "u-2", "ivan", At));

        Assert.Contains("already resolved", error.Message, StringComparison.Ordinal);
        Assert.Equal(ConflictResolution.KeepA, conflict.Resolution);
    }

    [Fact]
    public void Supersede_ClosesOpenConflict()
    {
        var conflict = NewConflict();

        conflict.Supersede(At.AddMinutes(5));

        Assert.Equal(ConflictStatus.Superseded, conflict.Status);
        Assert.Equal(At.AddMinutes(5), conflict.ClosedAt);
        Assert.Throws<DomainException>(() => conflict.Resolve(ConflictResolution.KeepA, "a", "u-1", "rita", At));
    }

    [Fact]
    public void SameFieldAs_ComparesLinkAndFields()
    {
        var linkId = Guid.NewGuid();
        var title = NewConflict(linkId, "title");

        Assert.True(title.SameFieldAs(NewConflict(linkId, "title")));
        Assert.False(title.SameFieldAs(NewConflict(linkId, "status")));
        Assert.False(title.SameFieldAs(NewConflict(Guid.NewGuid(), "title")));
    }

    [Fact]
    public void New_WithUnknownSide_Throws()
    {
        Assert.Throws<DomainException>(() => NewConflict(keptSide: "C"));
    }

    private static SyncConflict NewConflict(Guid? linkId = null, string field = "title", string keptSide = "A") => new(
        Guid.NewGuid(),
        Guid.NewGuid(),
        linkId ?? Guid.NewGuid(),
        Guid.NewGuid(),
        "12",
        "34",
        field,
        field,
        new ConflictSideValue("a", "rita", At),
        new ConflictSideValue("b", null, At.AddSeconds(-1)),
        ConflictRule.MostRecentWins,
        keptSide,
        At);
}
