using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationPortal.Application.Catalog;
using IntegrationPortal.Application.Connections;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Requests;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Emulators.GitHub;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Support;

/// <summary>
/// Builds an active flow between two repositories of a GitHub emulator through the portal's
/// services, the way an IT admin and a requester would, and reads the emulator's issues directly.
/// </summary>
internal sealed class GitHubFlowSetup : IDisposable
{
    public const string OwnerId = "u-req";
    public const string OwnerName = "rita@example.com";
    public const string AdminId = "u-admin";
    public const string AdminName = "ivan@example.com";

    private readonly HttpClient _github;

    /// <summary>Uses <paramref name="token"/> as the connections' secret; the emulator must accept it.</summary>
    public GitHubFlowSetup(GitHubEmulator emulator, string token = GitHubEmulator.DefaultToken)
    {
        Emulator = emulator;
        Token = token;
        _github = new HttpClient { BaseAddress = emulator.BaseUrl };
        _github.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _github.DefaultRequestHeaders.UserAgent.ParseAdd("IntegrationPortal-Tests");
    }

    public GitHubEmulator Emulator { get; }

    public string Token { get; }

    /// <summary>Approves GitHub, adds two connections, has a request approved and activates a title-and-status flow.</summary>
    public async Task<Guid> BuildActiveFlowAsync(PortalTestHost host, string containerA, string containerB)
    {
        Guid connectionA;
        Guid connectionB;
        await using (var admin = host.ScopeFor(AdminId, AdminName, Roles.ItAdmin))
        {
            await admin.ServiceProvider.GetRequiredService<ICatalogService>()
                .SetToolStatusAsync(new(ToolKeys.GitHub, ToolStatus.Approved, null), CancellationToken.None);
            var connections = admin.ServiceProvider.GetRequiredService<IConnectionService>();
            connectionA = await connections.CreateAsync(NewConnection("Support GitHub"), CancellationToken.None);
            connectionB = await connections.CreateAsync(NewConnection("Engineering GitHub"), CancellationToken.None);
        }

        await TestGrants.AllowUseAsync(host, OwnerId, OwnerName, connectionA, connectionB);

        Guid requestId;
        await using (var requester = host.ScopeFor(OwnerId, OwnerName, Roles.Requester))
        {
            requestId = await requester.ServiceProvider.GetRequiredService<IRequestService>().SubmitAsync(
                new SubmitRequestCommand
                {
                    ToolA = ToolKeys.GitHub,
                    ToolB = ToolKeys.GitHub,
                    UseCase = "Mirror support issues",
                    Fields = "title, status",
                    Justification = "Engineering works from its own repository.",
                },
                CancellationToken.None);
        }

        await using (var admin = host.ScopeFor(AdminId, AdminName, Roles.ItAdmin))
        {
            await admin.ServiceProvider.GetRequiredService<IRequestService>().ApproveAsync(requestId, CancellationToken.None);
        }

        await using var owner = host.ScopeFor(OwnerId, OwnerName, Roles.Requester);
        var flows = owner.ServiceProvider.GetRequiredService<IFlowService>();
        var flowId = await flows.CreateAsync(
            new SaveFlowCommand
            {
                RequestId = requestId,
                Name = "Support to engineering",
                ConnectionAId = connectionA,
                ContainerA = containerA,
                ConnectionBId = connectionB,
                ContainerB = containerB,
                Mappings =
                [
                    new FieldMappingInput { FieldA = "title", FieldB = "title" },
                    new FieldMappingInput { FieldA = "status", FieldB = "status" },
                ],
            },
            CancellationToken.None);
        await flows.ActivateAsync(flowId, CancellationToken.None);
        return flowId;
    }

    public async Task<int> CreateIssueAsync(string repository, string title)
    {
        using var response = await _github.PostAsJsonAsync(new Uri($"repos/{repository}/issues", UriKind.Relative), new { title });
        response.EnsureSuccessStatusCode();
        return (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["number"]!;
    }

    public async Task<List<string>> ListTitlesAsync(string repository)
    {
        var issues = await _github.GetFromJsonAsync<JsonArray>(new Uri($"repos/{repository}/issues?state=all&per_page=100", UriKind.Relative));
        return [.. issues!.Select(issue => (string)issue!["title"]!)];
    }

    public void Dispose() => _github.Dispose();

    private CreateConnectionCommand NewConnection(string name) =>
        new() { Name = name, ToolKey = ToolKeys.GitHub, BaseUrl = Emulator.BaseUrl.ToString(), Secret = Token };
}
