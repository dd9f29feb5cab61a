using FluentValidation;
using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Groups;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Connections;

/// <summary>Which connections each person may list and use, through grants to users and to groups.</summary>
public sealed class ConnectionSharingTests
{
    [Theory]
    [MemberData(nameof(PersistenceTests.Providers), MemberType = typeof(PersistenceTests))]
    public async Task List_returns_granted_connections_only(string provider)
    {
        await using var host = await PortalTestHost.StartAsync(provider);
        var rita = await TestAccounts.CreateAsync(host, "rita@example.com", Roles.Requester);
        var omar = await TestAccounts.CreateAsync(host, "omar@example.com", Roles.Requester);
        Guid direct, viaGroup, unshared, revoked;
        await using (var admin = AdminScope(host))
        {
            direct = await CreateConnectionAsync(admin, "Direct GitHub");
            viaGroup = await CreateConnectionAsync(admin, "Team GitHub");
            unshared = await CreateConnectionAsync(admin, "Private GitHub");
            revoked = await CreateConnectionAsync(admin, "Old GitHub");
            var groups = admin.ServiceProvider.GetRequiredService<IGroupService>();
            var team = await groups.CreateAsync(new CreateGroupCommand { Name = "Support team" }, CancellationToken.None);
            await groups.AddMemberAsync(team, rita, CancellationToken.None);

            var connections = admin.ServiceProvider.GetRequiredService<IConnectionService>();
            await ShareAsync(connections, direct, PrincipalKind.User, rita, ConnectionRight.Use);
            await ShareAsync(connections, viaGroup, PrincipalKind.Group, team.ToString("N"), ConnectionRight.Use);
            await ShareAsync(connections, unshared, PrincipalKind.User, omar, ConnectionRight.Manage);
            await ShareAsync(connections, revoked, PrincipalKind.User, rita, ConnectionRight.Use);
            await connections.RevokeAsync(new RevokeConnectionCommand { ConnectionId = revoked, Reason = "Replaced." }, CancellationToken.None);
        }

        await using var requester = host.ScopeFor(rita, "rita@example.com", Roles.Requester);
        var listed = await requester.ServiceProvider.GetRequiredService<IConnectionService>().ListAsync(CancellationToken.None);

        Assert.Equal(["Direct GitHub", "Team GitHub"], listed.Select(c => c.Name));
        Assert.All(listed, c => Assert.Equal(ConnectionRight.Use, c.Right));
    }

    [Fact]
    public async Task Manager_sees_revoked_connection()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var mara = await TestAccounts.CreateAsync(host, "mara@example.com", Roles.Requester);
        Guid connectionId;
        await using (var admin = AdminScope(host))
        {
            connectionId = await CreateConnectionAsync(admin, "Support GitHub");
            await ShareAsync(admin.ServiceProvider.GetRequiredService<IConnectionService>(), connectionId, PrincipalKind.User, mara, ConnectionRight.Manage);
        }

        await using var manager = host.ScopeFor(mara, "mara@example.com", Roles.Requester);
        var connections = manager.ServiceProvider.GetRequiredService<IConnectionService>();
        await connections.RevokeAsync(new RevokeConnectionCommand { ConnectionId = connectionId, Reason = "Team dissolved." }, CancellationToken.None);
        var listed = Assert.Single(await connections.ListAsync(CancellationToken.None));

        Assert.True(listed.IsRevoked);
        Assert.Equal("Team dissolved.", listed.RevokeReason);
        Assert.Equal(ConnectionRight.Manage, listed.Right);
    }

    [Fact]
    public async Task User_right_cannot_manage()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var rita = await TestAccounts.CreateAsync(host, "rita@example.com", Roles.Requester);
        Guid connectionId;
        await using (var admin = AdminScope(host))
        {
            connectionId = await CreateConnectionAsync(admin, "Support GitHub");
            await ShareAsync(admin.ServiceProvider.GetRequiredService<IConnectionService>(), connectionId, PrincipalKind.User, rita, ConnectionRight.Use);
        }

        await using var user = host.ScopeFor(rita, "rita@example.com", Roles.Requester);
        var connections = user.ServiceProvider.GetRequiredService<IConnectionService>();

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => connections.TestAsync(connectionId, CancellationToken.None));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            connections.RotateSecretAsync(new RotateSecretCommand { ConnectionId = connectionId, Secret = "new-token" }, CancellationToken.None));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            connections.RevokeAsync(new RevokeConnectionCommand { ConnectionId = connectionId, Reason = "No." }, CancellationToken.None));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => connections.ListGrantsAsync(connectionId, CancellationToken.None));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            ShareAsync(connections, connectionId, PrincipalKind.User, rita, ConnectionRight.Manage));
    }

    [Fact]
    public async Task Stranger_gets_not_found()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        Guid connectionId;
        await using (var admin = AdminScope(host))
        {
            connectionId = await CreateConnectionAsync(admin, "Support GitHub");
        }

        await using var stranger = host.ScopeFor("u-other", "omar@example.com", Roles.Requester);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            stranger.ServiceProvider.GetRequiredService<IConnectionService>().ListContainersAsync(connectionId, CancellationToken.None));
    }

    [Fact]
    public async Task Share_again_changes_right()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var rita = await TestAccounts.CreateAsync(host, "rita@example.com", Roles.Requester);
        await using var admin = AdminScope(host);
        var connections = admin.ServiceProvider.GetRequiredService<IConnectionService>();
        var connectionId = await CreateConnectionAsync(admin, "Support GitHub");

        var first = await ShareAsync(connections, connectionId, PrincipalKind.User, rita, ConnectionRight.Use);
        var second = await ShareAsync(connections, connectionId, PrincipalKind.User, rita, ConnectionRight.Manage);

        var grant = Assert.Single(await connections.ListGrantsAsync(connectionId, CancellationToken.None));
        Assert.Equal(first, second);
        Assert.Equal(ConnectionRight.Manage, grant.Right);
        Assert.Equal("rita@example.com", grant.PrincipalName);
    }

    [Fact]
    public async Task Share_with_unknown_user_names_field()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        await using var admin = AdminScope(host);
        var connectionId = await CreateConnectionAsync(admin, "Support GitHub");

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            ShareAsync(admin.ServiceProvider.GetRequiredService<IConnectionService>(), connectionId, PrincipalKind.User, "no-such-user", ConnectionRight.Use));

        Assert.Equal(nameof(ShareConnectionCommand.PrincipalId), Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public async Task Deleting_group_removes_its_grants()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var rita = await TestAccounts.CreateAsync(host, "rita@example.com", Roles.Requester);
        Guid connectionId;
        await using (var admin = AdminScope(host))
        {
            connectionId = await CreateConnectionAsync(admin, "Support GitHub");
            var groups = admin.ServiceProvider.GetRequiredService<IGroupService>();
            var team = await groups.CreateAsync(new CreateGroupCommand { Name = "Support team" }, CancellationToken.None);
            await groups.AddMemberAsync(team, rita, CancellationToken.None);
            await ShareAsync(admin.ServiceProvider.GetRequiredService<IConnectionService>(), connectionId, PrincipalKind.Group, team.ToString("N"), ConnectionRight.Use);
            await groups.DeleteAsync(team, CancellationToken.None);
        }

        await using var requester = host.ScopeFor(rita, "rita@example.com", Roles.Requester);
        Assert.Empty(await requester.ServiceProvider.GetRequiredService<IConnectionService>().ListAsync(CancellationToken.None));
        await using var check = host.Services.CreateAsyncScope();
        Assert.Equal(0, await check.ServiceProvider.GetRequiredService<PortalDbContext>().ConnectionGrants.CountAsync());
    }

    [Fact]
    public async Task Flow_builder_rejects_unshared_connection()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var rita = await TestAccounts.CreateAsync(host, "rita@example.com", Roles.Requester);
        Guid shared, unshared;
        await using (var admin = AdminScope(host))
        {
            shared = await CreateConnectionAsync(admin, "Support GitHub");
            unshared = await CreateConnectionAsync(admin, "Private GitHub");
            await ShareAsync(admin.ServiceProvider.GetRequiredService<IConnectionService>(), shared, PrincipalKind.User, rita, ConnectionRight.Use);
        }

        var requestId = await ApprovedRequestAsync(host, rita);
        await using var requester = host.ScopeFor(rita, "rita@example.com", Roles.Requester);
        var error = await Assert.ThrowsAsync<ValidationException>(() => requester.ServiceProvider.GetRequiredService<IFlowService>().CreateAsync(
            new SaveFlowCommand
            {
                RequestId = requestId,
                Name = "Mirror",
                ConnectionAId = shared,
                ContainerA = "acme/support",
                ConnectionBId = unshared,
                ContainerB = "acme/engineering",
                Mappings = [new FieldMappingInput { FieldA = "title", FieldB = "title" }],
            },
            CancellationToken.None));

        var failure = Assert.Single(error.Errors);
        Assert.Equal(nameof(SaveFlowCommand.ConnectionBId), failure.PropertyName);
        Assert.Contains("Private GitHub", failure.ErrorMessage, StringComparison.Ordinal);
    }

    private static AsyncServiceScope AdminScope(PortalTestHost host) => host.ScopeFor("u-admin", "ivan@example.com", Roles.ItAdmin);

    private static async Task<Guid> CreateConnectionAsync(AsyncServiceScope admin, string name)
    {
        await admin.ServiceProvider.GetRequiredService<ICatalogService>()
            .SetToolStatusAsync(new SetToolStatusCommand(ToolKeys.GitHub, ToolStatus.Approved, null), CancellationToken.None);
        return await admin.ServiceProvider.GetRequiredService<IConnectionService>().CreateAsync(
            new CreateConnectionCommand { Name = name, ToolKey = ToolKeys.GitHub, BaseUrl = "http://127.0.0.1:9/", Secret = "token-" + name },
            CancellationToken.None);
    }

    private static Task<Guid> ShareAsync(IConnectionService connections, Guid connectionId, PrincipalKind kind, string principalId, ConnectionRight right) =>
        connections.ShareAsync(
            new ShareConnectionCommand { ConnectionId = connectionId, PrincipalKind = kind, PrincipalId = principalId, Right = right },
            CancellationToken.None);

    private static async Task<Guid> ApprovedRequestAsync(PortalTestHost host, string requesterId)
    {
        Guid requestId;
        await using (var requester = host.ScopeFor(requesterId, "rita@example.com", Roles.Requester))
        {
            requestId = await requester.ServiceProvider.GetRequiredService<Application.Requests.IRequestService>().SubmitAsync(
                new Application.Requests.SubmitRequestCommand
                {
                    ToolA = ToolKeys.GitHub,
                    ToolB = ToolKeys.GitHub,
                    UseCase = "Mirror support issues",
                    Fields = "title",
                    Justification = "Engineering works from its own repository.",
                },
                CancellationToken.None);
        }

        await using var admin = AdminScope(host);
        await admin.ServiceProvider.GetRequiredService<Application.Requests.IRequestService>().ApproveAsync(requestId, CancellationToken.None);
        return requestId;
    }
}
