using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Templates;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Templates;

public sealed class TemplateFactoryTests : IAsyncLifetime
{
    private TemplateTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await TemplateTestBed.StartAsync(DatabaseProviders.Sqlite);

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Create_CoversEveryRequest()
    {
        var first = await _bed.AddRequestAsync("Title, Status", SyncDirection.AToB);
        var second = await _bed.AddRequestAsync("status", SyncDirection.AToB, toolA: "github", toolB: "redmine", classification: DataClassification.Confidential);
        var third = await _bed.AddRequestAsync("description", SyncDirection.AToB, classification: DataClassification.Public);

        var match = await CreateAsync("Support bugs", first, second, third);

        Assert.Equal(1, match.Version);
        Assert.True(match.ApprovesAtOnce);
        await using var scope = _bed.AsAdmin();
        var detail = await scope.ServiceProvider.GetRequiredService<ITemplateService>().GetAsync(match.TemplateId, CancellationToken.None);
        var definition = detail.Current.Definition;
        Assert.Equal(DataClassification.Confidential, definition.MaxClassification);
        Assert.Equal(new TemplateField("status", "status", SyncDirection.Both), definition.FieldFor("status", "status"));
        Assert.Equal(SyncDirection.AToB, definition.FieldFor("title", "title")?.Direction);
        Assert.Equal(SyncDirection.AToB, definition.FieldFor("description", "description")?.Direction);
        Assert.Equal(3, definition.Fields.Count);
    }

    [Fact]
    public async Task Create_EveryRequestStaysInside()
    {
        var ids = new[]
        {
            await _bed.AddRequestAsync("title, status", SyncDirection.AToB),
            await _bed.AddRequestAsync("Description", SyncDirection.BToA, toolA: "github", toolB: "redmine"),
            await _bed.AddRequestAsync("status", SyncDirection.Both, classification: DataClassification.PersonalData),
        };

        var match = await CreateAsync("Support bugs", ids);

        await using var scope = _bed.AsAdmin();
        var db = scope.ServiceProvider.GetRequiredService<IPortalDbContext>();
        var matcher = scope.ServiceProvider.GetRequiredService<ITemplateMatcher>();
        foreach (var id in ids)
        {
            var request = db.Requests.Single(r => r.Id == id);
            var matches = await matcher.MatchAsync(RequestShapes.Of(request), CancellationToken.None);
            Assert.True(matches.Single(m => m.TemplateId == match.TemplateId).IsInside, $"Request '{request.Fields}' is outside the template.");
        }
    }

    [Fact]
    public async Task Create_FieldOfOneToolOnly_IsRejected()
    {
        var requestId = await _bed.AddRequestAsync("title, Due date");

        var error = await Assert.ThrowsAsync<ValidationException>(() => CreateAsync("Support bugs", requestId));

        Assert.Contains("'Due date', which Redmine and GitHub do not both have", Assert.Single(error.Errors).ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AuditsRequestIds()
    {
        var requestId = await _bed.AddRequestAsync("title");

        var match = await CreateAsync("Support bugs", requestId);

        var created = Assert.Single(await _bed.AuditDetailsAsync(AuditActions.TemplateCreated, match.TemplateId.ToString()));
        Assert.Contains(requestId.ToString(), created, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownField_NamesRequestAndField()
    {
        var known = await _bed.AddRequestAsync("title");
        var unknown = await _bed.AddRequestAsync("title, Sprint points", useCase: "Track sprint points");

        var error = await Assert.ThrowsAsync<ValidationException>(() => CreateAsync("Support bugs", known, unknown));

        var message = Assert.Single(error.Errors).ErrorMessage;
        Assert.Contains("Track sprint points", message, StringComparison.Ordinal);
        Assert.Contains(unknown.ToString(), message, StringComparison.Ordinal);
        Assert.Contains("'Sprint points'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NoFields_NamesRequest()
    {
        var empty = await _bed.AddRequestAsync(" , ", useCase: "Something with bugs");

        var error = await Assert.ThrowsAsync<ValidationException>(() => CreateAsync("Support bugs", empty));

        Assert.Contains("Something with bugs", Assert.Single(error.Errors).ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_OtherToolPair_IsRejected()
    {
        var first = await _bed.AddRequestAsync("title");
        var other = await _bed.AddRequestAsync("title", toolA: "github", toolB: "github");

        var error = await Assert.ThrowsAsync<ValidationException>(() => CreateAsync("Support bugs", first, other));

        Assert.Contains("connects GitHub and GitHub", Assert.Single(error.Errors).ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AsRequester_IsForbidden()
    {
        var requestId = await _bed.AddRequestAsync("title");
        await using var requester = _bed.AsRequester();
        var factory = requester.ServiceProvider.GetRequiredService<ITemplateFactory>();

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => factory.CreateFromRequestsAsync("Support bugs", [requestId], CancellationToken.None));
    }

    private async Task<TemplateMatch> CreateAsync(string name, params Guid[] requestIds)
    {
        await using var admin = _bed.AsAdmin();
        return await admin.ServiceProvider.GetRequiredService<ITemplateFactory>().CreateFromRequestsAsync(name, requestIds, CancellationToken.None);
    }
}
