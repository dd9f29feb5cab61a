using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationPortal.Emulators.GitHub;

namespace IntegrationPortal.Connectors.Tests.GitHub;

public sealed class GitHubCreateTokenTests
{
    private const string Repository = GitHubEmulator.EmptyRepository;
    private const string Token = "7c0f4d2e9b1a4c3d8e5f6a7b8c9d0e1f";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Create_with_token_hides_it_from_fields()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();

        var created = await connector.CreateAsync(Repository, Fields("VPN drops", "Since **Monday**."), Token, None);
        var read = await connector.GetAsync(Repository, created.Id, None);

        Assert.Equal("Since **Monday**.", created.Fields["description"]);
        Assert.Equal(Token, created.CreateToken);
        Assert.Equal("Since **Monday**.", read!.Fields["description"]);
        Assert.Equal(Token, read.CreateToken);
        Assert.DoesNotContain(read.Fields.Values, value => value?.Contains(Token, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Create_with_token_stores_comment_at_end_of_body()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();

        var created = await connector.CreateAsync(Repository, Fields("VPN drops", "Since Monday."), Token, None);
        var body = await ReadRawBodyAsync(context, created.Id);

        Assert.Equal($"Since Monday.\n\n<!-- integrationportal:create-token={Token} -->", body);
    }

    [Fact]
    public async Task Create_without_description_reads_back_as_empty()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();

        var created = await connector.CreateAsync(Repository, Fields("VPN drops", null), Token, None);

        Assert.Null(created.Fields["description"]);
        Assert.Equal(Token, created.CreateToken);
    }

    [Fact]
    public async Task FindByCreateToken_returns_created_issue()
    {
        await using var context = await GitHubTestContext.StartAsync(new GitHubEmulatorOptions { MaxPerPage = 2 });
        var connector = context.CreateConnector();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var created = await connector.CreateAsync(Repository, Fields("Target", "x"), Token, None);
        for (var i = 0; i < 4; i++)
        {
            await connector.CreateAsync(Repository, Fields($"Other {i}", "y"), Guid.NewGuid().ToString("N"), None);
        }

        var found = await connector.FindByCreateTokenAsync(Repository, Token, before, None);

        Assert.NotNull(found);
        Assert.Equal(created.Id, found.Id);
        Assert.Equal("Target", found.Fields["title"]);
    }

    [Fact]
    public async Task FindByCreateToken_unknown_token_returns_null()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await connector.CreateAsync(Repository, Fields("Target", "x"), Token, None);

        var found = await connector.FindByCreateTokenAsync(Repository, "0000", before, None);

        Assert.Null(found);
    }

    [Fact]
    public async Task FindByCreateToken_ignores_issues_created_before_window()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();
        await connector.CreateAsync(Repository, Fields("Target", "x"), Token, None);

        var found = await connector.FindByCreateTokenAsync(Repository, Token, DateTimeOffset.UtcNow.AddHours(1), None);

        Assert.Null(found);
    }

    [Fact]
    public async Task Update_of_body_drops_marker()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();
        var created = await connector.CreateAsync(Repository, Fields("Target", "x"), Token, None);

        await connector.UpdateAsync(Repository, created.Id, new Dictionary<string, string?> { ["description"] = "edited" }, expectedVersion: null, None);
        var read = await connector.GetAsync(Repository, created.Id, None);

        Assert.Equal("edited", read!.Fields["description"]);
        Assert.Null(read.CreateToken);
    }

    [Fact]
    public async Task Text_below_marker_hides_marker()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();
        var created = await connector.CreateAsync(Repository, Fields("Target", "Printer jammed"), Token, None);

        // A person edits the raw body on GitHub and writes below the comment.
        await WriteRawBodyAsync(context, created.Id, await ReadRawBodyAsync(context, created.Id) + "\n\nAlso on floor 3");
        var read = await connector.GetAsync(Repository, created.Id, None);

        Assert.Equal("Printer jammed\n\nAlso on floor 3", read!.Fields["description"]);
        Assert.Equal(Token, read.CreateToken);
    }

    private static async Task WriteRawBodyAsync(GitHubTestContext context, string number, string body)
    {
        using var http = new HttpClient { BaseAddress = context.Emulator.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"repos/{Repository}/issues/{number}")
        {
            Content = JsonContent.Create(new { body }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GitHubEmulator.DefaultToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static Dictionary<string, string?> Fields(string title, string? description) =>
        new() { ["title"] = title, ["description"] = description };

    private static async Task<string?> ReadRawBodyAsync(GitHubTestContext context, string number)
    {
        using var http = new HttpClient { BaseAddress = context.Emulator.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"repos/{Repository}/issues/{number}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GitHubEmulator.DefaultToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var issue = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return issue.RootElement.GetProperty("body").GetString();
    }
}
