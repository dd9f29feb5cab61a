using IntegrationPortal.Connectors.GitHub;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Connectors.Tests.GitHub;

public sealed class GitHubConnectorTests
{
    private const string Recorded = GitHubEmulator.RecordedRepository;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ReadChanged_follows_pages_past_100_issues()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.CreateRepository("acme/big");
        var connector = context.CreateConnector();
        for (var i = 1; i <= 105; i++)
        {
            await connector.CreateAsync("acme/big", new Dictionary<string, string?> { ["title"] = $"Issue {i}" }, createToken: null, None);
        }

        var before = context.Emulator.RequestCount;
        var items = await connector.ReadChangedAsync("acme/big", null, None);

        Assert.Equal(105, items.Count);
        Assert.Equal(2, context.Emulator.RequestCount - before);
        Assert.Equal(Enumerable.Range(1, 105).Select(n => n.ToString()).Order(), items.Select(item => item.Id).Order());
    }

    [Fact]
    public async Task ReadChanged_short_first_page_follows_next_link()
    {
        await using var context = await GitHubTestContext.StartAsync(new GitHubEmulatorOptions { FirstPageSize = 2 });
        var connector = context.CreateConnector();

        var items = await connector.ReadChangedAsync(Recorded, null, None);

        Assert.Equal(2, context.Emulator.RequestCount);
        Assert.Equal(Enumerable.Range(1, 13).Select(n => n.ToString()), items.Select(item => item.Id));
    }

    [Fact]
    public async Task Close_sets_state_closed()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();
        var created = await connector.CreateAsync(GitHubEmulator.EmptyRepository, new Dictionary<string, string?> { ["title"] = "To close" }, createToken: null, None);

        await connector.CloseAsync(GitHubEmulator.EmptyRepository, created.Id, None);
        var closed = await connector.GetAsync(GitHubEmulator.EmptyRepository, created.Id, None);

        Assert.Equal("closed", closed?.Fields["status"]);
    }

    [Fact]
    public async Task Close_missing_issue_does_nothing()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();

        await connector.CloseAsync(GitHubEmulator.EmptyRepository, "4242", None);

        Assert.Null(await connector.GetAsync(GitHubEmulator.EmptyRepository, "4242", None));
    }

    [Fact]
    public async Task ReadChanged_reads_recorded_issues_over_small_pages()
    {
        await using var context = await GitHubTestContext.StartAsync(new GitHubEmulatorOptions { MaxPerPage = 5 });
        var connector = context.CreateConnector();

        var items = await connector.ReadChangedAsync(Recorded, null, None);

        Assert.Equal(3, context.Emulator.RequestCount);
        Assert.Equal(Enumerable.Range(1, 13).Select(n => n.ToString()), items.Select(item => item.Id));
        var first = items[0];
        Assert.Equal("Test issue 1", first.Fields["title"]);
        Assert.Null(first.Fields["description"]);
        Assert.Equal("open", first.Fields["status"]);
        Assert.Null(first.Fields["labels"]);
        Assert.Equal(new DateTimeOffset(2022, 7, 19, 4, 38, 40, TimeSpan.Zero), first.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, first.UpdatedAt.Offset);
        Assert.EndsWith($"/{Recorded}/issues/1", first.WebUrl);
    }

    [Fact]
    public async Task ReadChanged_leaves_out_pull_requests()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();
        await connector.CreateAsync(GitHubEmulator.EmptyRepository, new Dictionary<string, string?> { ["title"] = "Real issue" }, createToken: null, None);
        var pullRequest = context.Emulator.AddPullRequest(GitHubEmulator.EmptyRepository, "Add a feature");

        var items = await connector.ReadChangedAsync(GitHubEmulator.EmptyRepository, null, None);

        var item = Assert.Single(items);
        Assert.Equal("Real issue", item.Fields["title"]);
        Assert.Null(await connector.GetAsync(GitHubEmulator.EmptyRepository, pullRequest.ToString(), None));
    }

    [Fact]
    public async Task ReadChanged_since_returns_later_issues()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();

        var since = new DateTimeOffset(2022, 7, 19, 4, 39, 10, TimeSpan.Zero);
        var items = await connector.ReadChangedAsync(Recorded, since, None);

        Assert.Equal(["11", "12", "13"], items.Select(item => item.Id));
    }

    [Fact]
    public async Task Create_closed_issue_returns_it_closed()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();

        var created = await connector.CreateAsync(GitHubEmulator.EmptyRepository, new Dictionary<string, string?>
        {
            ["title"] = "Done already",
            ["description"] = "Line one\r\nLine two  \r\n\r\n",
            ["status"] = "closed",
            ["labels"] = "ui, Bug, api",
        }, createToken: null, None);

        Assert.Equal(2, context.Emulator.RequestCount);
        Assert.Equal("closed", created.Fields["status"]);
        Assert.Equal("Line one\nLine two", created.Fields["description"]);
        Assert.Equal("Bug, api, ui", created.Fields["labels"]);

        var stored = await connector.GetAsync(GitHubEmulator.EmptyRepository, created.Id, None);
        Assert.NotNull(stored);
        Assert.Equal("closed", stored.Fields["status"]);
        Assert.Equal("Done already", stored.Fields["title"]);
    }

    [Fact]
    public async Task Update_writes_only_given_fields()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();
        var created = await connector.CreateAsync(GitHubEmulator.EmptyRepository, new Dictionary<string, string?>
        {
            ["title"] = "Original title",
            ["description"] = "Original body",
            ["labels"] = "bug",
        }, createToken: null, None);

        await connector.UpdateAsync(GitHubEmulator.EmptyRepository, created.Id, new Dictionary<string, string?> { ["status"] = "closed" }, expectedVersion: null, None);
        var afterStatus = await connector.GetAsync(GitHubEmulator.EmptyRepository, created.Id, None);

        Assert.NotNull(afterStatus);
        Assert.Equal("closed", afterStatus.Fields["status"]);
        Assert.Equal("Original title", afterStatus.Fields["title"]);
        Assert.Equal("Original body", afterStatus.Fields["description"]);
        Assert.Equal("bug", afterStatus.Fields["labels"]);

        await connector.UpdateAsync(GitHubEmulator.EmptyRepository, created.Id, new Dictionary<string, string?>
        {
            ["description"] = null,
            ["labels"] = "z, a",
        }, expectedVersion: null, None);
        var afterClear = await connector.GetAsync(GitHubEmulator.EmptyRepository, created.Id, None);

        Assert.NotNull(afterClear);
        Assert.Null(afterClear.Fields["description"]);
        Assert.Equal("a, z", afterClear.Fields["labels"]);
        Assert.Equal("Original title", afterClear.Fields["title"]);
        Assert.Equal("closed", afterClear.Fields["status"]);
    }

    [Fact]
    public async Task Labels_empty_read_as_null()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();

        var created = await connector.CreateAsync(GitHubEmulator.EmptyRepository, new Dictionary<string, string?>
        {
            ["title"] = "No labels",
            ["labels"] = " , ",
            ["description"] = "   ",
        }, createToken: null, None);

        Assert.Null(created.Fields["labels"]);
        Assert.Null(created.Fields["description"]);
    }

    [Fact]
    public async Task Get_unknown_issue_returns_null()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();

        Assert.Null(await connector.GetAsync(Recorded, "999", None));
    }

    [Fact]
    public async Task Create_without_title_reports_422()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();

        var exception = await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.CreateAsync(GitHubEmulator.EmptyRepository, new Dictionary<string, string?> { ["description"] = "x" }, createToken: null, None));

        Assert.Equal(422, exception.StatusCode);
        Assert.Contains("Validation Failed", exception.Message);
        Assert.Contains("missing_field", exception.Message);
        Assert.Contains("POST /repos/acme/engineering/issues", exception.Message);
    }

    [Fact]
    public async Task Read_unknown_repository_reports_404()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var connector = context.CreateConnector();

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => connector.ReadChangedAsync("acme/missing", null, None));

        Assert.Equal(404, exception.StatusCode);
        Assert.Contains("Not Found", exception.Message);
    }

    [Fact]
    public async Task ListContainers_follows_pages()
    {
        await using var context = await GitHubTestContext.StartAsync(new GitHubEmulatorOptions { MaxPerPage = 1 });
        context.Emulator.CreateRepository("zeta/last");
        var connector = context.CreateConnector();

        var containers = await connector.ListContainersAsync(None);

        Assert.Equal(3, context.Emulator.RequestCount);
        Assert.Equal([GitHubEmulator.EmptyRepository, Recorded, "zeta/last"], containers.Select(container => container.Id));
        Assert.All(containers, container => Assert.Equal(container.Id, container.Name));
    }

    [Fact]
    public async Task Test_names_the_login()
    {
        await using var context = await GitHubTestContext.StartAsync();

        var result = await context.CreateConnector().TestAsync(None);

        Assert.True(result.Succeeded);
        Assert.Equal("Connected as portal-bot", result.Message);
    }

    [Fact]
    public async Task Test_with_bad_token_fails()
    {
        await using var context = await GitHubTestContext.StartAsync();

        var result = await context.CreateConnector("ghp_wrongTokenValue123").TestAsync(None);

        Assert.False(result.Succeeded);
        Assert.Contains("rejected the token", result.Message);
        Assert.DoesNotContain("ghp_wrongTokenValue123", result.Message);
    }

    [Fact]
    public void Fields_are_the_canonical_four()
    {
        var fields = GitHubConnector.StaticFields;

        Assert.Equal(["title", "description", "status", "labels"], fields.Select(field => field.Key));
        Assert.Equal([FieldKind.Text, FieldKind.RichText, FieldKind.Choice, FieldKind.Labels], fields.Select(field => field.Kind));
        Assert.Equal(["open", "closed"], fields[2].AllowedValues!);
    }
}
