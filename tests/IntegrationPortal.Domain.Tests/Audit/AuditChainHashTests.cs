using IntegrationPortal.Domain.Audit;
using IntegrationPortal.Domain.Common;

namespace IntegrationPortal.Domain.Tests.Audit;

public sealed class AuditChainHashTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Hash_changes_when_text_moves_between_fields()
    {
        var first = Chained(new AuditEvent(At, "u1", "ab", "c.d", "flow", "f1", "{}"));
        var shifted = Chained(new AuditEvent(At, "u1", "a", "bc.d", "flow", "f1", "{}"));

        Assert.NotEqual(first.Hash, shifted.Hash);
    }

    [Fact]
    public void Hash_covers_previous_hash_and_sequence()
    {
        var afterGenesis = new AuditEvent(At, "u1", "ann", "x.y", "flow", "f1", "{}");
        var afterOther = new AuditEvent(At, "u1", "ann", "x.y", "flow", "f1", "{}");
        var later = new AuditEvent(At, "u1", "ann", "x.y", "flow", "f1", "{}");

        afterGenesis.AppendTo(0, AuditChainHash.Genesis);
        afterOther.AppendTo(0, new string('1', 64));
        later.AppendTo(1, AuditChainHash.Genesis);

        Assert.NotEqual(afterGenesis.Hash, afterOther.Hash);
        Assert.NotEqual(afterGenesis.Hash, later.Hash);
        Assert.Equal(2, later.Sequence);
    }

    [Fact]
    public void Time_keeps_whole_milliseconds()
    {
        var auditEvent = new AuditEvent(At.AddTicks(12_345), "u1", "ann", "x.y", "flow", "f1", "{}");

        Assert.Equal(At.AddMilliseconds(1), auditEvent.At);
    }

    [Fact]
    public void AppendTo_twice_is_rejected()
    {
        var auditEvent = Chained(new AuditEvent(At, "u1", "ann", "x.y", "flow", "f1", "{}"));

        Assert.Throws<DomainException>(() => auditEvent.AppendTo(5, AuditChainHash.Genesis));
        Assert.Equal(1, auditEvent.Sequence);
    }

    private static AuditEvent Chained(AuditEvent auditEvent)
    {
        auditEvent.AppendTo(0, AuditChainHash.Genesis);
        return auditEvent;
    }
}
