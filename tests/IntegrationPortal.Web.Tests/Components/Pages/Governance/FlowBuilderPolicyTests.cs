using Bunit;
using FluentValidation;
using FluentValidation.Results;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Web.Components.Pages.Flows;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Web.Tests.Components.Pages.Governance;

/// <summary>The flow builder when the server rejects a mapping because a field policy forbids it.</summary>
public sealed class FlowBuilderPolicyTests : PortalTestContext
{
    private const string Violation = "GitHub's field State may not be written by flows; IT set it to read only.";
    private static readonly Guid RequestId = Guid.NewGuid();
    private static readonly Guid RedmineId = Guid.NewGuid();
    private static readonly Guid GitHubId = Guid.NewGuid();

    public FlowBuilderPolicyTests()
    {
        Requests.Requests.Add(new RequestDto(
            RequestId, "requester", ToolKeys.Redmine, ToolKeys.GitHub, "Support bugs to engineering", "title, status",
            SyncDirection.Both, "Bugs are copied by hand today.", RequestStatus.Approved, DateTimeOffset.UnixEpoch,
            "admin", DateTimeOffset.UnixEpoch, null));
        Connections.Connections.Add(new ConnectionDto(RedmineId, "Support Redmine", ToolKeys.Redmine, "http://127.0.0.1:3000", DateTimeOffset.UnixEpoch, null, null, null));
        Connections.Connections.Add(new ConnectionDto(GitHubId, "Engineering GitHub", ToolKeys.GitHub, "http://127.0.0.1:5005", DateTimeOffset.UnixEpoch, null, null, null));
        Connections.Containers[RedmineId] = [new("support", "Support desk")];
        Connections.Containers[GitHubId] = [new("acme/engine", "acme/engine")];
        Connections.Fields[RedmineId] = [new("title", "Subject", FieldKind.Text), new("description", "Description", FieldKind.RichText), new("status", "Status", FieldKind.Text)];
        Connections.Fields[GitHubId] = [new("title", "Title", FieldKind.Text), new("description", "Body", FieldKind.RichText), new("status", "State", FieldKind.Text)];
    }

    [Fact]
    public async Task Policy_violation_shows_at_mapping()
    {
        Flows.CreateError = new ValidationException([new ValidationFailure("Mappings[2]", Violation)]);
        RenderProviders();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/flows/new?requestId={RequestId}");
        var cut = Render<FlowBuilder>();
        await cut.SelectAsync("flow-connection-a", RedmineId);
        await cut.SelectAsync("flow-container-a", "support");
        await cut.SelectAsync("flow-connection-b", GitHubId);
        await cut.SelectAsync("flow-container-b", "acme/engine");

        await cut.Find("#flow-save").ClickAsync(new());

        var rowError = cut.Find("[data-testid=mapping-row-error]");
        var rows = cut.FindAll("#mapping-table tbody tr");
        Assert.Equal(Violation, rowError.TextContent.Trim());
        Assert.Equal("mapping-row-error", rows[3].GetAttribute("data-testid"));
        Assert.Empty(Flows.Created);
    }
}
