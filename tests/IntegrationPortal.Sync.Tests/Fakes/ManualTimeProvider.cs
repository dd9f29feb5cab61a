namespace IntegrationPortal.Sync.Tests.Fakes;

/// <summary>A clock that moves only when a test or a fake tool advances it.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan delta) => _now += delta;
}
