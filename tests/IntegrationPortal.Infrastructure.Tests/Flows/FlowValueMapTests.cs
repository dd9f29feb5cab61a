using FluentValidation;
using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Flows;

/// <summary>
/// Saving a flow whose mapping copies into a field with a fixed list of values (GitHub's state)
/// from a field with other values, such as Redmine's status.
/// </summary>
public sealed class FlowValueMapTests
{
    private const string AdminId = "u-admin";
    private const string OwnerId = "u-req";

    [Fact]
    public async Task Status_without_map_is_rejected()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var command = await PrepareAsync(host);
        await using var owner = host.ScopeFor(OwnerId, "rita@example.com", Roles.Requester);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            owner.ServiceProvider.GetRequiredService<IFlowService>().CreateAsync(command, CancellationToken.None));

        await using var scope = host.Services.CreateAsyncScope();
        var flows = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Flows.CountAsync();

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Mappings[0].ValueMap", failure.PropertyName);
        Assert.Contains("accepts only open, closed", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Support Redmine'", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, flows);
    }

    [Fact]
    public async Task Status_with_map_is_saved()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);
        var command = await PrepareAsync(host);
        command.Mappings[0].ValueMap =
        [
            new ValueMapInput { ValueA = "New", ValueB = "open" },
            new ValueMapInput { ValueA = "Closed", ValueB = "closed" },
        ];
        await using var owner = host.ScopeFor(OwnerId, "rita@example.com", Roles.Requester);

        var flowId = await owner.ServiceProvider.GetRequiredService<IFlowService>().CreateAsync(command, CancellationToken.None);

        Assert.NotEqual(Guid.Empty, flowId);
    }

    private static async Task<SaveFlowCommand> PrepareAsync(PortalTestHost host)
    {
        Guid redmine;
        Guid github;
        await using (var admin = host.ScopeFor(AdminId, "ivan@example.com", Roles.ItAdmin))
        {
            var catalog = admin.ServiceProvider.GetRequiredService<ICatalogService>();
            await catalog.SetToolStatusAsync(new(ToolKeys.Redmine, ToolStatus.Approved, null), CancellationToken.None);
            await catalog.SetToolStatusAsync(new(ToolKeys.GitHub, ToolStatus.Approved, null), CancellationToken.None);
            var connections = admin.ServiceProvider.GetRequiredService<IConnectionService>();
            redmine = await connections.CreateAsync(
                new() { Name = "Support Redmine", ToolKey = ToolKeys.Redmine, BaseUrl = "http://127.0.0.1:3000", Secret = "redmine-key" },
                CancellationToken.None);
            github = await connections.CreateAsync(
                new() { Name = "Engineering GitHub", ToolKey = ToolKeys.GitHub, BaseUrl = "http://127.0.0.1:5080", Secret = "github-token" },
                CancellationToken.None);
        }

        await TestGrants.AllowUseAsync(host, OwnerId, "rita@example.com", redmine, github);

        Guid requestId;
        await using (var requester = host.ScopeFor(OwnerId, "rita@example.com", Roles.Requester))
        {
            requestId = await requester.ServiceProvider.GetRequiredService<IRequestService>().SubmitAsync(
                new SubmitRequestCommand
                {
                    ToolA = ToolKeys.Redmine,
                    ToolB = ToolKeys.GitHub,
                    UseCase = "Send support tickets to engineering",
                    Fields = "status",
                    Justification = "Engineering works from its own repository.",
                },
                CancellationToken.None);
        }

        await using (var admin = host.ScopeFor(AdminId, "ivan@example.com", Roles.ItAdmin))
        {
            await admin.ServiceProvider.GetRequiredService<IRequestService>().ApproveAsync(requestId, CancellationToken.None);
        }

        return new SaveFlowCommand
        {
            RequestId = requestId,
            Name = "Support to engineering",
            ConnectionAId = redmine,
            ContainerA = "support",
            ConnectionBId = github,
            ContainerB = "acme/engineering",
            Mappings =
            [
                new FieldMappingInput { FieldA = "status", FieldB = "status" },
                new FieldMappingInput { FieldA = "title", FieldB = "title" },
            ],
        };
    }
}
