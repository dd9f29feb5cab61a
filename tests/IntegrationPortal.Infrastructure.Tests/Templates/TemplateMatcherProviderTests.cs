using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Templates;

/// <summary>The matcher's query for current versions of templates in use, on both database providers.</summary>
public sealed class TemplateMatcherProviderTests
{
    [Theory]
    [InlineData(DatabaseProviders.Sqlite)]
    [InlineData(DatabaseProviders.PostgreSql)]
    public async Task Match_ReadsCurrentVersionOfActiveTemplates(string provider)
    {
        await using var bed = await TemplateTestBed.StartAsync(provider);
        var changedId = await bed.CreateTemplateAsync(TemplateTestBed.SupportBugs());
        var retired = TemplateTestBed.SupportBugs();
        retired.Name = "Old support bugs";
        var retiredId = await bed.CreateTemplateAsync(retired);
        await using var admin = bed.AsAdmin();
        var templates = admin.ServiceProvider.GetRequiredService<ITemplateService>();
        var change = TemplateTestBed.SupportBugs();
        change.MaxClassification = DataClassification.PersonalData;
        await templates.UpdateAsync(changedId, change, CancellationToken.None);
        await templates.RetireAsync(retiredId, null, CancellationToken.None);

        var matches = await admin.ServiceProvider.GetRequiredService<ITemplateMatcher>().MatchAsync(
            new RequestShape("github", "redmine", "Copy bugs", ["Title"], SyncDirection.BToA, DataClassification.PersonalData),
            CancellationToken.None);

        var match = Assert.Single(matches);
        Assert.Equal(changedId, match.TemplateId);
        Assert.Equal(2, match.Version);
        Assert.True(match.IsInside);
    }
}
