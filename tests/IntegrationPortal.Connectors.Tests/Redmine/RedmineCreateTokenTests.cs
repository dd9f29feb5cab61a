namespace IntegrationPortal.Connectors.Tests.Redmine;

/// <summary>Stores and finds create tokens on a real Redmine 5 (see deploy/redmine/redmine.sh).</summary>
[Collection("Redmine")]
public sealed class RedmineCreateTokenTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Create_WithToken_HidesItFromFields()
    {
        var project = await RedmineServer.CreateProjectAsync("Create token");
        var connector = RedmineServer.CreateConnector();
        var token = NewToken();

        var created = await connector.CreateAsync(project, Fields("VPN drops", "h2. Steps\n\nRestart it."), token, Ct);
        var read = await connector.GetAsync(project, created.Id, Ct);

        Assert.Equal("h2. Steps\n\nRestart it.", created.Fields["description"]);
        Assert.Equal(token, created.CreateToken);
        Assert.Equal("h2. Steps\n\nRestart it.", read!.Fields["description"]);
        Assert.Equal(token, read.CreateToken);
    }

    [Fact]
    public async Task Create_WithToken_IsNotRenderedOnIssuePage()
    {
        var project = await RedmineServer.CreateProjectAsync("Create token page");
        var connector = RedmineServer.CreateConnector();
        var token = NewToken();
        var created = await connector.CreateAsync(project, Fields("Rendered", "Visible text"), token, Ct);
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(RedmineServer.Url, $"issues/{created.Id}"));
        var page = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, $"GET /issues/{created.Id} returned HTTP {(int)response.StatusCode}.");
        Assert.Contains("Visible text", page);
        Assert.DoesNotContain(token, page);
        Assert.DoesNotContain("integrationportal:create-token", page);
    }

    [Fact]
    public async Task FindByCreateToken_SmallPages_ReturnsCreatedIssue()
    {
        var project = await RedmineServer.CreateProjectAsync("Find token");
        var connector = RedmineServer.CreateConnector(pageSize: 1);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var token = NewToken();
        var created = await connector.CreateAsync(project, Fields("Target", null), token, Ct);
        await connector.CreateAsync(project, Fields("Newer", "x"), NewToken(), Ct);
        await connector.CreateAsync(project, Fields("Newest", "y"), createToken: null, Ct);

        var found = await connector.FindByCreateTokenAsync(project, token, before, Ct);

        Assert.NotNull(found);
        Assert.Equal(created.Id, found.Id);
        Assert.Null(found.Fields["description"]);
    }

    [Fact]
    public async Task FindByCreateToken_UnknownToken_ReturnsNull()
    {
        var project = await RedmineServer.CreateProjectAsync("Find token");
        var connector = RedmineServer.CreateConnector();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await connector.CreateAsync(project, Fields("Target", "x"), NewToken(), Ct);

        var found = await connector.FindByCreateTokenAsync(project, NewToken(), before, Ct);

        Assert.Null(found);
    }

    [Fact]
    public async Task FindByCreateToken_CreatedBeforeWindow_ReturnsNull()
    {
        var project = await RedmineServer.CreateProjectAsync("Find token");
        var connector = RedmineServer.CreateConnector();
        var token = NewToken();
        await connector.CreateAsync(project, Fields("Target", "x"), token, Ct);

        var found = await connector.FindByCreateTokenAsync(project, token, DateTimeOffset.UtcNow.AddHours(1), Ct);

        Assert.Null(found);
    }

    [Fact]
    public async Task Create_ClosedStatusWithToken_KeepsToken()
    {
        var project = await RedmineServer.CreateProjectAsync("Create token status");
        var connector = RedmineServer.CreateConnector();
        var token = NewToken();
        var fields = Fields("Closed at once", "done");
        fields["status"] = "Closed";

        var created = await connector.CreateAsync(project, fields, token, Ct);

        Assert.Equal("Closed", created.Fields["status"]);
        Assert.Equal(token, created.CreateToken);
        Assert.Equal("done", created.Fields["description"]);
    }

    private static string NewToken() => Guid.NewGuid().ToString("N");

    private static Dictionary<string, string?> Fields(string title, string? description) =>
        new(StringComparer.Ordinal) { ["title"] = title, ["description"] = description };
}
