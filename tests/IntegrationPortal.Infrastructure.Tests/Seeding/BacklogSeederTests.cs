using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Requests.Backlog;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Seeding;
using IntegrationPortal.Infrastructure.Tests.Support;
using IntegrationPortal.Sync.Connectors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Seeding;

public sealed class BacklogSeederTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly SeedPerson[] Requesters = [new("u-1", "ana@example.com"), new("u-2", "bruno@example.com")];
    private static readonly SeedPerson[] Admins = [new("u-admin", "ivan@example.com")];

    [Fact]
    public void Generate_is_repeatable_for_a_seed()
    {
        var first = BacklogGenerator.Generate(40, 7, Now, Requesters, Admins);
        var second = BacklogGenerator.Generate(40, 7, Now, Requesters, Admins);
        var other = BacklogGenerator.Generate(40, 8, Now, Requesters, Admins);

        Assert.Equal(first.Select(r => (r.Id, r.UseCase, r.Status, r.SubmittedAt)), second.Select(r => (r.Id, r.UseCase, r.Status, r.SubmittedAt)));
        Assert.NotEqual(first.Select(r => r.UseCase), other.Select(r => r.UseCase));
    }

    [Fact]
    public void Generate_puts_half_in_two_patterns()
    {
        var requests = BacklogGenerator.Generate(200, 1, Now, Requesters, Admins);

        var largest = BacklogGrouper.Group(requests).OrderByDescending(c => c.Requests.Count).Take(2).ToList();

        Assert.Equal(100, largest.Sum(c => c.Requests.Count));
        Assert.Equal(["github+redmine", "redmine+redmine"], largest.Select(c => c.ToolPair).Order());
    }

    [Fact]
    public void Generate_mixes_statuses_and_ages()
    {
        var requests = BacklogGenerator.Generate(200, 1, Now, Requesters, Admins);

        Assert.InRange(requests.Count(r => r.IsOpen), 120, 170);
        Assert.Contains(requests, r => r.Status == RequestStatus.NeedsInformation);
        Assert.Contains(requests, r => r.Status == RequestStatus.Live && r.LiveAt is not null);
        Assert.Contains(requests, r => r.Status == RequestStatus.Rejected);
        Assert.All(requests.Where(r => r.Status == RequestStatus.InReview), r => Assert.Equal("u-admin", r.AssigneeId));
        Assert.All(requests, r => Assert.InRange(r.SubmittedAt!.Value, Now.AddDays(-60), Now));
        Assert.Contains(requests, r => Now - r.SubmittedAt!.Value > TimeSpan.FromDays(10));
    }

    [Fact]
    public async Task Generate_asks_only_for_fields_both_tools_have()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var names = new Dictionary<string, string> { [ToolKeys.GitHub] = "GitHub", [ToolKeys.Redmine] = "Redmine" };
        var fit = new TemplateFit(host.Services.GetRequiredService<IConnectorFactory>(), names);

        var requests = BacklogGenerator.Generate(200, 1, Now, Requesters, Admins);

        foreach (var request in requests)
        {
            foreach (var field in RequestShapes.SplitFields(request.Fields))
            {
                Assert.True(fit.ResolvePair(field, request.ToolA, request.ToolB) is not null, $"{request.ToolA}+{request.ToolB} lacks '{field}'");
            }
        }
    }

    [Fact]
    public async Task Seed_adds_requesters_requests_and_one_audit_event()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.Equal(30, await scope.ServiceProvider.GetRequiredService<BacklogSeeder>().SeedAsync(30, 1, CancellationToken.None));
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.Equal(5, await scope.ServiceProvider.GetRequiredService<BacklogSeeder>().SeedAsync(5, 2, CancellationToken.None));
        }

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.Equal(35, await db.Requests.CountAsync());
        Assert.Equal(BacklogSeeder.RequesterCount, (await users.GetUsersInRoleAsync(Roles.Requester)).Count);
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.BacklogSeeded));
    }

    [Fact]
    public async Task Seed_password_enables_sign_in()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BacklogSeeder>().SeedAsync(3, 1, "Demo-pass-2026", CancellationToken.None);
        }

        await using var check = host.Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var requesters = await users.GetUsersInRoleAsync(Roles.Requester);
        Assert.Equal(BacklogSeeder.RequesterCount, requesters.Count);
        foreach (var requester in requesters)
        {
            Assert.True(await users.CheckPasswordAsync(requester, "Demo-pass-2026"), requester.Email);
        }
    }

    [Fact]
    public async Task Seed_password_fills_earlier_requesters()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BacklogSeeder>().SeedAsync(3, 1, CancellationToken.None);
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BacklogSeeder>().SeedAsync(3, 2, "Demo-pass-2026", CancellationToken.None);
        }

        await using var check = host.Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var ana = await users.FindByEmailAsync("ana.requester@example.com");
        Assert.NotNull(ana);
        Assert.True(await users.CheckPasswordAsync(ana, "Demo-pass-2026"));
    }

    [Fact]
    public async Task Seed_rejects_a_weak_password_before_writing_anything()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() =>
                scope.ServiceProvider.GetRequiredService<BacklogSeeder>().SeedAsync(3, 1, "short", CancellationToken.None));
            Assert.Contains("--password", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("short", error.Message.Replace("--password", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.Equal(0, await db.Requests.CountAsync());
        Assert.Empty(await users.GetUsersInRoleAsync(Roles.Requester));
    }

    [Fact]
    public async Task Seed_rejects_count_out_of_range()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using var scope = host.Services.CreateAsyncScope();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            scope.ServiceProvider.GetRequiredService<BacklogSeeder>().SeedAsync(0, 1, CancellationToken.None));

        Assert.Contains("from 1 to", error.Message, StringComparison.Ordinal);
    }
}
