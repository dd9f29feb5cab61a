using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Webhooks;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Web.Tests.Webhooks;

/// <summary>
/// The GitHub webhook endpoint over HTTP in the real portal (web role, so no job runs), on a
/// SQLite database in a temporary folder: status codes, messages and the raw-body signature.
/// </summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private const string Secret = "5b0c7e4f2a9d8e1c3b6a7f0e9d2c4b1a8e7f6d5c4b3a2918f7e6d5c4b3a29180";
    private const string IssuesBody = """{"action":"opened","issue":{"number":7},"repository":{"full_name":"acme/support"}}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("portal-webhooks-").FullName;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;
    private Guid _connectionId;

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Role", "web");
            web.UseSetting("Database:Provider", "Sqlite");
            web.UseSetting("Database:DataDirectory", _directory);
        });
        _client = _factory.CreateClient();

        await using var scope = _factory.Services.CreateAsyncScope();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var connection = new Connection(
            Guid.NewGuid(), "Support GitHub", ToolKeys.GitHub, "http://127.0.0.1:9", protector.Protect("token"), "ivan@example.com", DateTimeOffset.UtcNow);
        connection.SetWebhookSecret(protector.Protect(Secret), DateTimeOffset.UtcNow);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        _connectionId = connection.Id;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Signed_issues_event_is_accepted()
    {
        using var response = await PostAsync(_connectionId, "issues", IssuesBody, Sign(IssuesBody));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(0, (int)body!["flowsTriggered"]!);
    }

    [Fact]
    public async Task Repeated_delivery_is_acknowledged_as_duplicate()
    {
        var deliveryId = Guid.NewGuid().ToString();

        using var first = await PostAsync(_connectionId, "issues", IssuesBody, Sign(IssuesBody), deliveryId);
        using var second = await PostAsync(_connectionId, "issues", IssuesBody, Sign(IssuesBody), deliveryId);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("already accepted", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_is_answered_ok()
    {
        const string ping = """{"zen":"Keep it logically awesome.","hook_id":1}""";

        using var response = await PostAsync(_connectionId, "ping", ping, Sign(ping));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Pong", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_signature_is_unauthorized()
    {
        using var response = await PostAsync(_connectionId, "issues", IssuesBody, signature: null);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Hub-Signature-256 header is missing", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signature_of_other_body_is_unauthorized()
    {
        // The signature covers the raw bytes, so the same JSON with other whitespace does not match.
        using var response = await PostAsync(_connectionId, "issues", IssuesBody + "\n", Sign(IssuesBody));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("does not match", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_connection_is_not_found()
    {
        using var response = await PostAsync(Guid.NewGuid(), "issues", IssuesBody, Sign(IssuesBody));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Missing_delivery_header_is_bad_request()
    {
        using var request = NewRequest(_connectionId, "issues", IssuesBody, Sign(IssuesBody), deliveryId: null);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-GitHub-Delivery", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Sign(string body) => GitHubWebhookSignature.Compute(Secret, Encoding.UTF8.GetBytes(body));

    private async Task<HttpResponseMessage> PostAsync(Guid connectionId, string eventName, string body, string? signature, string? deliveryId = null)
    {
        using var request = NewRequest(connectionId, eventName, body, signature, deliveryId ?? Guid.NewGuid().ToString());
        return await _client.SendAsync(request);
    }

    private static HttpRequestMessage NewRequest(Guid connectionId, string eventName, string body, string? signature, string? deliveryId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/github/{connectionId:N}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-GitHub-Event", eventName);
        if (deliveryId is not null)
        {
            request.Headers.Add("X-GitHub-Delivery", deliveryId);
        }

        if (signature is not null)
        {
            request.Headers.Add(GitHubWebhookSignature.HeaderName, signature);
        }

        return request;
    }
}
