using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Templates;

namespace IntegrationPortal.Domain.Tests.Templates;

public sealed class TemplateTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ChangedAt = CreatedAt.AddDays(3);

    [Fact]
    public void New_HasVersionOne()
    {
        var template = new Template(Guid.NewGuid(), Definition(), "ivan", CreatedAt);

        Assert.Equal(1, template.CurrentVersion);
        Assert.Single(template.Versions);
        Assert.Equal("ivan", template.Current.CreatedBy);
        Assert.Equal(CreatedAt, template.Current.CreatedAt);
    }

    [Fact]
    public void Revise_AddsNextVersion()
    {
        var template = new Template(Guid.NewGuid(), Definition(), "ivan", CreatedAt);

        var version = template.Revise(Definition() with { MaxScheduleMinutes = 30 }, "olga", ChangedAt);

        Assert.Equal(2, version.Number);
        Assert.Equal(2, template.CurrentVersion);
        Assert.Same(version, template.Current);
        Assert.Equal("olga", version.CreatedBy);
        Assert.Equal(ChangedAt, version.CreatedAt);
    }

    [Fact]
    public void Revise_KeepsEarlierVersionAsItWas()
    {
        var template = new Template(Guid.NewGuid(), Definition(), "ivan", CreatedAt);

        template.Revise(Definition() with { Name = "Renamed", MaxClassification = DataClassification.Public }, "olga", ChangedAt);

        var first = template.Versions.Single(v => v.Number == 1);
        Assert.Equal("Support to engineering", first.Name);
        Assert.Equal(DataClassification.Internal, first.MaxClassification);
        Assert.Equal(60, first.MaxScheduleMinutes);
        Assert.Equal("ivan", first.CreatedBy);
    }

    [Fact]
    public void Revise_WithSameContent_Throws()
    {
        var template = new Template(Guid.NewGuid(), Definition(), "ivan", CreatedAt);

        var error = Assert.Throws<DomainException>(() => template.Revise(Definition(), "olga", ChangedAt));

        Assert.Contains("changes nothing", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, template.CurrentVersion);
    }

    [Fact]
    public void Revise_ChangedValueMap_IsNewVersion()
    {
        var template = new Template(Guid.NewGuid(), Definition(), "ivan", CreatedAt);
        var statusMapping = new FieldMapping("status", "status", SyncDirection.AToB, [new ValueMapEntry("Closed", "closed"), new ValueMapEntry("New", "open")]);

        var version = template.Revise(Definition() with { DefaultMappings = [statusMapping] }, "olga", ChangedAt);

        Assert.Equal(2, version.Number);
    }

    [Fact]
    public void Revise_WhenRetired_Throws()
    {
        var template = new Template(Guid.NewGuid(), Definition(), "ivan", CreatedAt);
        template.Retire("ivan", "Replaced by the new support pattern.", ChangedAt);

        Assert.Throws<DomainException>(() => template.Revise(Definition() with { MaxScheduleMinutes = 30 }, "olga", ChangedAt));
        Assert.Equal(1, template.CurrentVersion);
    }

    [Fact]
    public void Retire_RecordsWhoAndWhy()
    {
        var template = new Template(Guid.NewGuid(), Definition(), "ivan", CreatedAt);

        template.Retire("olga", "  Replaced by the new support pattern. ", ChangedAt);

        Assert.True(template.IsRetired);
        Assert.Equal("olga", template.RetiredBy);
        Assert.Equal("Replaced by the new support pattern.", template.RetireReason);
        Assert.Equal(ChangedAt, template.RetiredAt);
    }

    [Fact]
    public void Retire_Twice_Throws()
    {
        var template = new Template(Guid.NewGuid(), Definition(), "ivan", CreatedAt);
        template.Retire("olga", null, ChangedAt);

        Assert.Throws<DomainException>(() => template.Retire("olga", null, ChangedAt));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(30, 10)]
    [InlineData(5, Flow.MaxScheduleMinutes + 1)]
    public void New_WithScheduleBoundsOutOfRange_Throws(int min, int max)
    {
        var definition = Definition() with { MinScheduleMinutes = min, MaxScheduleMinutes = max };

        Assert.Throws<DomainException>(() => new Template(Guid.NewGuid(), definition, "ivan", CreatedAt));
    }

    [Fact]
    public void New_DefaultMappingBeyondFields_Throws()
    {
        var definition = Definition() with { DefaultMappings = [new FieldMapping("title", "title", SyncDirection.Both, [])] };

        var error = Assert.Throws<DomainException>(() => new Template(Guid.NewGuid(), definition, "ivan", CreatedAt));

        Assert.Contains("title to title", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_WithoutFields_Throws()
    {
        Assert.Throws<DomainException>(() => new Template(Guid.NewGuid(), Definition() with { Fields = [], DefaultMappings = [] }, "ivan", CreatedAt));
    }

    [Theory]
    [InlineData(SyncDirection.Both, SyncDirection.AToB, true)]
    [InlineData(SyncDirection.Both, SyncDirection.Both, true)]
    [InlineData(SyncDirection.AToB, SyncDirection.AToB, true)]
    [InlineData(SyncDirection.AToB, SyncDirection.BToA, false)]
    [InlineData(SyncDirection.AToB, SyncDirection.Both, false)]
    [InlineData(SyncDirection.BToA, SyncDirection.Both, false)]
    public void Allows_ComparesDirections(SyncDirection allowed, SyncDirection requested, bool expected)
    {
        Assert.Equal(expected, SyncDirections.Allows(allowed, requested));
    }

    private static TemplateDefinition Definition() => new(
        "Support to engineering",
        "redmine",
        "github",
        "Copy support bugs to engineering",
        [new TemplateField("title", "title", SyncDirection.AToB), new TemplateField("status", "status", SyncDirection.AToB)],
        [new FieldMapping("title", "title", SyncDirection.AToB, [])],
        null,
        5,
        60,
        DataClassification.Internal,
        AutoApproves: true);
}
