using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Templates;

/// <summary>
/// The matcher over a table of requests, against three Redmine-GitHub templates ("Support bugs",
/// "Release notes" and a retired one) and one GitHub-GitHub template, saved once on SQLite.
/// </summary>
public sealed class TemplateMatcherTests(TemplateMatcherTests.Templates templates) : IClassFixture<TemplateMatcherTests.Templates>
{
    /// <summary>
    /// Each row: the content of the request, the templates expected in order (empty when none
    /// matches), and the differences expected for the first one (empty when the request is inside it).
    /// </summary>
    public static TheoryData<MatchCase> Cases { get; } =
    [
        new("inside, field keys", Shape("title, status", SyncDirection.AToB), ["Support bugs", "Release notes"], []),
        new("inside, display names in any case", Shape("TITLE, Description", SyncDirection.AToB), ["Support bugs", "Release notes"], []),
        new("no fields named", Shape(string.Empty, SyncDirection.AToB), ["Support bugs", "Release notes"], []),
        new(
            "field the template lacks",
            Shape("title, Assignee", SyncDirection.AToB),
            ["Support bugs", "Release notes"],
            ["asks for field Assignee, which the template does not include"]),
        new(
            "both ways where the template allows one way",
            Shape("title, description", SyncDirection.Both),
            ["Support bugs", "Release notes"],
            ["asks for both ways; the template allows Redmine to GitHub only"]),
        new(
            "personal data",
            Shape("title", SyncDirection.AToB, classification: DataClassification.PersonalData),
            ["Support bugs", "Release notes"],
            ["carries personal data; the template allows up to internal"]),
        new(
            "reversed pair in the template's direction",
            Shape("title, status", SyncDirection.BToA, toolA: "github", toolB: "redmine"),
            ["Support bugs", "Release notes"],
            []),
        new(
            "reversed pair against the template's direction",
            Shape("title", SyncDirection.AToB, toolA: "github", toolB: "redmine", useCase: "copy support bugs"),
            ["Support bugs", "Release notes"],
            ["asks for GitHub to Redmine; the template allows Redmine to GitHub only"]),
        new(
            "use case breaks a tie",
            Shape("title", SyncDirection.AToB, useCase: "publish release notes", classification: DataClassification.Public),
            ["Release notes", "Support bugs"],
            []),
        new("other tool pair", Shape("title", SyncDirection.AToB, toolB: "redmine"), [], []),
        new("same tool on both sides", Shape("title, labels", SyncDirection.AToB, toolA: "github"), ["Mirror issues"], []),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Match_ReturnsTemplatesAndDifferences(MatchCase row)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var scope = templates.Bed.AsRequester();
        var matcher = scope.ServiceProvider.GetRequiredService<ITemplateMatcher>();

        var matches = await matcher.MatchAsync(row.Request, CancellationToken.None);

        Assert.Equal(row.ExpectedTemplates, matches.Select(m => m.Name));
        if (matches.Count > 0)
        {
            Assert.Equal(row.ExpectedDifferences, matches[0].Differences);
            Assert.Equal(row.ExpectedDifferences.Length == 0, matches[0].IsInside);
        }
    }

    [Fact]
    public async Task Match_PerFieldDirection_NamesField()
    {
        await using var scope = templates.Bed.AsRequester();
        var matcher = scope.ServiceProvider.GetRequiredService<ITemplateMatcher>();

        var matches = await matcher.MatchAsync(Shape("title, labels", SyncDirection.Both, toolA: "github"), CancellationToken.None);

        var mirror = Assert.Single(matches);
        Assert.Equal(["asks for Labels both ways; the template allows it GitHub to GitHub only"], mirror.Differences);
    }

    [Fact]
    public async Task Match_InsideAutoApprovingTemplate_ApprovesAtOnce()
    {
        await using var scope = templates.Bed.AsRequester();
        var matcher = scope.ServiceProvider.GetRequiredService<ITemplateMatcher>();

        var matches = await matcher.MatchAsync(Shape("title", SyncDirection.AToB, useCase: "publish release notes", classification: DataClassification.Public), CancellationToken.None);

        Assert.False(matches[0].ApprovesAtOnce);
        Assert.True(matches[1].ApprovesAtOnce);
        Assert.Equal(1, matches[1].Version);
    }

    private static RequestShape Shape(
        string fields,
        SyncDirection direction,
        string toolA = "redmine",
        string toolB = "github",
        string useCase = "copy support bugs to engineering",
        DataClassification classification = DataClassification.Internal) =>
        new(toolA, toolB, useCase, RequestShapes.SplitFields(fields), direction, classification);

    public sealed record MatchCase(string Name, RequestShape Request, string[] ExpectedTemplates, string[] ExpectedDifferences)
    {
        public override string ToString() => Name;
    }

    /// <summary>The templates every row is matched against, saved once for the class.</summary>
    public sealed class Templates : IAsyncLifetime
    {
        public TemplateTestBed Bed { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Bed = await TemplateTestBed.StartAsync(DatabaseProviders.Sqlite);
            await Bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());

            var releaseNotes = TemplateTestBed.SupportBugs();
            releaseNotes.Name = "Release notes";
            releaseNotes.UseCase = "Publish release notes";
            releaseNotes.Fields = [Field("title", SyncDirection.Both), Field("description", SyncDirection.Both), Field("status", SyncDirection.Both)];
            releaseNotes.Mappings = [];
            releaseNotes.MaxClassification = DataClassification.Public;
            releaseNotes.AutoApproves = false;
            await Bed.CreateTemplateAsync(releaseNotes);

            var retired = TemplateTestBed.SupportBugs();
            retired.Name = "Old support bugs";
            var retiredId = await Bed.CreateTemplateAsync(retired);
            await using (var admin = Bed.AsAdmin())
            {
                await admin.ServiceProvider.GetRequiredService<ITemplateService>().RetireAsync(retiredId, "Replaced.", CancellationToken.None);
            }

            var mirror = TemplateTestBed.SupportBugs();
            mirror.Name = "Mirror issues";
            mirror.ToolA = "github";
            mirror.Fields = [Field("title", SyncDirection.Both), Field("labels", SyncDirection.AToB)];
            mirror.Mappings = [];
            await Bed.CreateTemplateAsync(mirror);
        }

        public async Task DisposeAsync() => await Bed.DisposeAsync();

        private static TemplateFieldInput Field(string key, SyncDirection direction) => new() { FieldA = key, FieldB = key, Direction = direction };
    }
}
