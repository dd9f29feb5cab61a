using IntegrationPortal.Connectors.Redmine;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Connectors.Tests.Redmine;

/// <summary>
/// Runs the Redmine connector against a real Redmine 5 (see deploy/redmine/redmine.sh). Each test
/// creates its own project. The collection keeps the tests sequential because WEBrick serves one
/// request at a time and SQLite locks the database on every write.
/// </summary>
[Collection("Redmine")]
public sealed class RedmineConnectorTests
{
    private const string WrongApiKey = "0123456789abcdef0123456789abcdef01234567";

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task TestAsync_ValidKey_NamesLogin()
    {
        var connector = RedmineServer.CreateConnector();

        var result = await connector.TestAsync(Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("Connected as admin.", result.Message);
    }

    [Fact]
    public async Task TestAsync_WrongKey_ReportsRejectedKey()
    {
        var connector = RedmineServer.CreateConnector(apiKey: WrongApiKey);

        var result = await connector.TestAsync(Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("rejected the API key", result.Message);
        Assert.Contains("REST API is enabled", result.Message);
        Assert.DoesNotContain(WrongApiKey, result.Message);
    }

    [Fact]
    public async Task ListContainers_SmallPages_IncludesNewProjects()
    {
        var first = await RedmineServer.CreateProjectAsync("List first");
        var second = await RedmineServer.CreateProjectAsync("List second");
        var connector = RedmineServer.CreateConnector(pageSize: 1);

        var containers = await connector.ListContainersAsync(Ct);

        Assert.Contains(new ContainerInfo(first, $"List first {first}"), containers);
        Assert.Contains(new ContainerInfo(second, $"List second {second}"), containers);
        Assert.Equal(containers.Count, containers.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public async Task Create_AllFields_ReturnsStoredItem()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        var created = await connector.CreateAsync(
            project,
            new Dictionary<string, string?>
            {
                ["title"] = "Create with every field",
                ["description"] = "## Steps\n\n1. Start the daemon",
                ["status"] = "In Progress",
                ["tracker"] = "Feature",
                ["priority"] = "High",
            },
            createToken: null,
            Ct);

        Assert.True(int.Parse(created.Id) > 0, created.Id);
        Assert.Equal("Create with every field", created.Fields["title"]);
        Assert.Equal("## Steps\n\n1. Start the daemon", created.Fields["description"]);
        Assert.Equal("h2. Steps\n\n# Start the daemon", await RedmineServer.ReadStoredDescriptionAsync(created.Id));
        Assert.Equal("In Progress", created.Fields["status"]);
        Assert.Equal("Feature", created.Fields["tracker"]);
        Assert.Equal("High", created.Fields["priority"]);
        Assert.Equal(new Uri(RedmineServer.Url, $"issues/{created.Id}").AbsoluteUri, created.WebUrl);
        Assert.Equal(TimeSpan.Zero, created.UpdatedAt.Offset);
        Assert.InRange(created.UpdatedAt, before, DateTimeOffset.UtcNow.AddMinutes(1));

        var read = await connector.GetAsync(project, created.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal(created.Fields, read.Fields);
    }

    [Fact]
    public async Task Create_TitleOnly_UsesRedmineDefaults()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();

        var created = await connector.CreateAsync(project, new Dictionary<string, string?> { ["title"] = "Defaults" }, createToken: null, Ct);

        Assert.Null(created.Fields["description"]);
        Assert.Equal("New", created.Fields["status"]);
        Assert.Equal("Bug", created.Fields["tracker"]);
        Assert.Equal("Normal", created.Fields["priority"]);
    }

    [Fact]
    public async Task Update_GivenFields_LeavesOthersUnchanged()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();
        var created = await connector.CreateAsync(
            project,
            new Dictionary<string, string?>
            {
                ["title"] = "Before update",
                ["description"] = "Original description",
                ["tracker"] = "Support",
                ["priority"] = "Low",
            },
            createToken: null,
            Ct);

        await connector.UpdateAsync(project, created.Id, new Dictionary<string, string?> { ["priority"] = "Urgent" }, expectedVersion: null, Ct);
        var afterPriority = await connector.GetAsync(project, created.Id, Ct);

        Assert.NotNull(afterPriority);
        Assert.Equal("Urgent", afterPriority.Fields["priority"]);
        Assert.Equal("Before update", afterPriority.Fields["title"]);
        Assert.Equal("Original description", afterPriority.Fields["description"]);
        Assert.Equal("Support", afterPriority.Fields["tracker"]);
        Assert.Equal("New", afterPriority.Fields["status"]);

        await connector.UpdateAsync(
            project,
            created.Id,
            new Dictionary<string, string?> { ["title"] = "After update", ["description"] = null },
            expectedVersion: null,
            Ct);
        var afterTitle = await connector.GetAsync(project, created.Id, Ct);

        Assert.NotNull(afterTitle);
        Assert.Equal("After update", afterTitle.Fields["title"]);
        Assert.Null(afterTitle.Fields["description"]);
        Assert.Equal("Urgent", afterTitle.Fields["priority"]);
        Assert.Equal("Support", afterTitle.Fields["tracker"]);
        Assert.Equal("New", afterTitle.Fields["status"]);
    }

    [Fact]
    public async Task Description_Crlf_IsNormalized()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();

        var created = await connector.CreateAsync(
            project,
            new Dictionary<string, string?> { ["title"] = "CRLF", ["description"] = "line one\r\nline two  \r\n\r\n  " },
            createToken: null,
            Ct);
        var blank = await connector.CreateAsync(
            project,
            new Dictionary<string, string?> { ["title"] = "Blank", ["description"] = " \r\n " },
            createToken: null,
            Ct);

        Assert.Equal("line one\nline two", created.Fields["description"]);
        Assert.Null(blank.Fields["description"]);
    }

    [Fact]
    public async Task Description_InlineCode_StoredAsTextile()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();
        const string markdown = "Run `adb logcat` with **root**:\n\n- open *Settings*\n- see [docs](https://example.org/docs)";

        var created = await connector.CreateAsync(project, new Dictionary<string, string?> { ["title"] = "Textile", ["description"] = markdown }, createToken: null, Ct);

        Assert.Equal(
            "Run @adb logcat@ with *root*:\n\n* open _Settings_\n* see \"docs\":https://example.org/docs",
            await RedmineServer.ReadStoredDescriptionAsync(created.Id));
        Assert.Equal(markdown, created.Fields["description"]);
    }

    [Fact]
    public async Task Description_MarkdownFormatting_StoredAsMarkdown()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector(textFormat: RichTextFormat.RedmineMarkdown);

        var created = await connector.CreateAsync(
            project, new Dictionary<string, string?> { ["title"] = "Markdown", ["description"] = "Run `make`\n\n* one" }, createToken: null, Ct);

        Assert.Equal("Run `make`\n\n- one", await RedmineServer.ReadStoredDescriptionAsync(created.Id));
        Assert.Equal("Run `make`\n\n- one", created.Fields["description"]);
    }

    [Fact]
    public async Task Dates_RoundTripAsDateOnly()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();

        var created = await connector.CreateAsync(
            project,
            new Dictionary<string, string?> { ["title"] = "Dates", ["start_date"] = "2026-03-01", ["due_date"] = "2026-03-31T23:30:00-08:00" },
            createToken: null,
            Ct);
        await connector.UpdateAsync(project, created.Id, new Dictionary<string, string?> { ["start_date"] = null }, expectedVersion: null, Ct);
        var read = await connector.GetAsync(project, created.Id, Ct);

        Assert.Equal("2026-03-01", created.Fields["start_date"]);
        Assert.Equal("2026-03-31", created.Fields["due_date"]);
        Assert.NotNull(read);
        Assert.Null(read.Fields["start_date"]);
        Assert.Equal("2026-03-31", read.Fields["due_date"]);
    }

    [Fact]
    public async Task Assignee_ByEmail_RoundTrips()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await RedmineServer.CreateAssignableUserAsync(project, $"Person{suffix}@Example.com");
        var connector = RedmineServer.CreateConnector();
        var mail = $"person{suffix}@example.com";

        var created = await connector.CreateAsync(project, new Dictionary<string, string?> { ["title"] = "Assigned", ["assignee"] = mail }, createToken: null, Ct);
        await connector.UpdateAsync(project, created.Id, new Dictionary<string, string?> { ["assignee"] = null }, expectedVersion: null, Ct);
        var cleared = await connector.GetAsync(project, created.Id, Ct);

        Assert.Equal(mail, created.Fields["assignee"]);
        Assert.NotNull(cleared);
        Assert.Null(cleared.Fields["assignee"]);
    }

    [Fact]
    public async Task Assignee_UnknownEmail_NamesAddress()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => connector.CreateAsync(
            project, new Dictionary<string, string?> { ["title"] = "Nobody", ["assignee"] = "nobody-here@example.com" }, createToken: null, Ct));

        Assert.Contains("nobody-here@example.com", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToUserValue_HiddenMail_IsUnmapped()
    {
        var assignee = new RedmineNamedRef(5, "Person Five");

        Assert.Equal("unmapped-user:Redmine:person5", RedmineIssueMapper.ToUserValue(assignee, new RedmineUser(5, "person5")));
        Assert.Equal("unmapped-user:Redmine:Person Five", RedmineIssueMapper.ToUserValue(assignee, null));
        Assert.Equal("person5@example.com", RedmineIssueMapper.ToUserValue(assignee, new RedmineUser(5, "person5", "Person5@Example.com")));
    }

    [Fact]
    public async Task Dates_InvalidValue_NamesField()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => connector.CreateAsync(
            project, new Dictionary<string, string?> { ["title"] = "Bad date", ["due_date"] = "next week" }, createToken: null, Ct));

        Assert.Contains("due_date 'next week'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Description_SeedIssues_RoundTripNormalized()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();
        var seed = RedmineServer.ReadSeedIssues();
        Assert.True(seed.Count >= 10, $"expected about 12 seed issues, found {seed.Count}");
        Assert.Contains(seed, s => s.Description is not null && s.Description.Contains("\r\n", StringComparison.Ordinal));

        foreach (var issue in seed.Take(4))
        {
            var created = await connector.CreateAsync(
                project,
                new Dictionary<string, string?> { ["title"] = issue.Subject, ["description"] = issue.Description },
                createToken: null,
                Ct);

            // The connector writes the canonical value as Textile and reads it back, which must give
            // the value after one round trip.
            var expected = RichTextConverter.ToCanonical(
                RichTextConverter.FromCanonical(CanonicalMarkdown.Normalize(issue.Description), RichTextFormat.RedmineTextile),
                RichTextFormat.RedmineTextile);
            Assert.Equal(issue.Subject, created.Fields["title"]);
            Assert.Equal(expected, created.Fields["description"]);
        }
    }

    [Fact]
    public async Task Update_StatusByName_SetsStatus()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();
        var created = await connector.CreateAsync(project, new Dictionary<string, string?> { ["title"] = "Close me" }, createToken: null, Ct);

        await connector.UpdateAsync(project, created.Id, new Dictionary<string, string?> { ["status"] = "Closed" }, expectedVersion: null, Ct);
        var closed = await connector.GetAsync(project, created.Id, Ct);
        await connector.UpdateAsync(project, created.Id, new Dictionary<string, string?> { ["status"] = "feedback" }, expectedVersion: null, Ct);
        var feedback = await connector.GetAsync(project, created.Id, Ct);

        Assert.Equal("Closed", closed?.Fields["status"]);
        Assert.Equal("Feedback", feedback?.Fields["status"]);
    }

    [Fact]
    public async Task Update_UnknownStatus_ThrowsWithAllowedValues()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();
        var created = await connector.CreateAsync(project, new Dictionary<string, string?> { ["title"] = "Unknown status" }, createToken: null, Ct);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => connector.UpdateAsync(
            project,
            created.Id,
            new Dictionary<string, string?> { ["status"] = "Parked" },
            expectedVersion: null,
            Ct));
        var unchanged = await connector.GetAsync(project, created.Id, Ct);

        Assert.Contains("status", ex.Message);
        Assert.Contains("'Parked'", ex.Message);
        Assert.Contains("New, In Progress, Resolved, Feedback, Closed, Rejected", ex.Message);
        Assert.Equal("New", unchanged?.Fields["status"]);
    }

    [Fact]
    public async Task Create_UnknownTrackerOrPriority_Throws()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();

        var tracker = await Assert.ThrowsAsync<ConnectorException>(() => connector.CreateAsync(
            project,
            new Dictionary<string, string?> { ["title"] = "x", ["tracker"] = "Epic" },
            createToken: null,
            Ct));
        var priority = await Assert.ThrowsAsync<ConnectorException>(() => connector.CreateAsync(
            project,
            new Dictionary<string, string?> { ["title"] = "x", ["priority"] = null },
            createToken: null,
            Ct));

        Assert.Contains("tracker 'Epic'", tracker.Message);
        Assert.Contains("Bug, Feature, Support", tracker.Message);
        Assert.Contains("priority an empty value", priority.Message);
        Assert.Contains("Normal", priority.Message);
    }

    [Fact]
    public async Task Create_MissingTitle_ReportsRedmineErrors()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => connector.CreateAsync(
            project,
            new Dictionary<string, string?> { ["description"] = "no subject" },
            createToken: null,
            Ct));

        Assert.Equal(422, ex.StatusCode);
        Assert.Contains("Subject cannot be blank", ex.Message);
        Assert.Contains("POST /issues.json", ex.Message);
    }

    [Fact]
    public async Task Create_UnknownField_Throws()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => connector.CreateAsync(
            project,
            new Dictionary<string, string?> { ["title"] = "x", ["labels"] = "a,b" },
            createToken: null,
            Ct));

        Assert.Contains("'labels'", ex.Message);
        Assert.Contains("title, description, status, tracker, priority, start_date, due_date, assignee", ex.Message);
    }

    [Fact]
    public async Task ReadChanged_SinceInSameSecond_ReturnsItem()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();
        var older = await connector.CreateAsync(project, new Dictionary<string, string?> { ["title"] = "Older" }, createToken: null, Ct);

        // Redmine's ">=" filter also matches the second before the given time, so the older
        // issue is made at least two whole seconds earlier.
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        var newer = await connector.CreateAsync(project, new Dictionary<string, string?> { ["title"] = "Newer" }, createToken: null, Ct);
        Assert.Equal(0, newer.UpdatedAt.Millisecond);

        // This since lies 999.5 ms into the second of newer's updated_on. Its fraction and +02:00
        // offset would get HTTP 422 from Redmine if the connector sent them unchanged.
        var since = newer.UpdatedAt.AddMilliseconds(999.5).ToOffset(TimeSpan.FromHours(2));
        var changed = await connector.ReadChangedAsync(project, since, Ct);
        var all = await connector.ReadChangedAsync(project, null, Ct);
        var future = await connector.ReadChangedAsync(project, newer.UpdatedAt.AddMinutes(5), Ct);

        Assert.Contains(changed, i => i.Id == newer.Id);
        Assert.DoesNotContain(changed, i => i.Id == older.Id);
        Assert.Equal([older.Id, newer.Id], all.Select(i => i.Id));
        Assert.Empty(future);
    }

    [Fact]
    public async Task ReadChanged_SmallPages_ReadsEveryIssueOnce()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var other = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector(pageSize: 2);
        var createdIds = new List<string>();
        foreach (var issue in RedmineServer.ReadSeedIssues().Take(5))
        {
            var created = await connector.CreateAsync(
                project,
                new Dictionary<string, string?> { ["title"] = issue.Subject, ["description"] = issue.Description },
                createToken: null,
                Ct);
            createdIds.Add(created.Id);
        }

        await connector.UpdateAsync(project, createdIds[1], new Dictionary<string, string?> { ["status"] = "Closed" }, expectedVersion: null, Ct);
        await connector.CreateAsync(other, new Dictionary<string, string?> { ["title"] = "Other project" }, createToken: null, Ct);

        var items = await connector.ReadChangedAsync(project, null, Ct);

        Assert.Equal(createdIds.Order(), items.Select(i => i.Id).Order());
        Assert.Equal("Closed", items.Single(i => i.Id == createdIds[1]).Fields["status"]);
    }

    [Fact]
    public async Task ReadChanged_ShortPage_ReadsAll()
    {
        // Redmine 5 serves at most 100 issues per page whatever the limit, so requesting 150 makes
        // the first page shorter than requested although total_count reports more.
        var project = await RedmineServer.CreateProjectAsync();
        var writer = RedmineServer.CreateConnector();
        var createdIds = new List<string>();
        for (var i = 1; i <= 103; i++)
        {
            var created = await writer.CreateAsync(project, new Dictionary<string, string?> { ["title"] = $"Paging issue {i}" }, createToken: null, Ct);
            createdIds.Add(created.Id);
        }

        var reader = RedmineServer.CreateConnector(pageSize: 150);
        var items = await reader.ReadChangedAsync(project, null, Ct);

        Assert.Equal(createdIds.Order(), items.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task Close_SetsClosedStatus()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();
        var created = await connector.CreateAsync(project, new Dictionary<string, string?> { ["title"] = "To close" }, createToken: null, Ct);

        await connector.CloseAsync(project, created.Id, Ct);
        var closed = await connector.GetAsync(project, created.Id, Ct);

        Assert.Equal("Closed", closed?.Fields["status"]);
    }

    [Fact]
    public async Task Close_MissingIssue_DoesNothing()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();

        await connector.CloseAsync(project, "999999999", Ct);

        Assert.Null(await connector.GetAsync(project, "999999999", Ct));
    }

    [Fact]
    public async Task Get_MissingIssue_ReturnsNull()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();

        var item = await connector.GetAsync(project, "999999999", Ct);

        Assert.Null(item);
    }

    [Fact]
    public async Task Update_MissingIssue_ThrowsNotFound()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var connector = RedmineServer.CreateConnector();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => connector.UpdateAsync(
            project,
            "999999999",
            new Dictionary<string, string?> { ["title"] = "x" },
            expectedVersion: null,
            Ct));

        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("PUT /issues/999999999.json", ex.Message);
    }

    [Fact]
    public async Task ReadChanged_MissingProject_ThrowsNotFound()
    {
        var connector = RedmineServer.CreateConnector();

        var ex = await Assert.ThrowsAsync<ConnectorException>(
            () => connector.ReadChangedAsync("ipt-does-not-exist", null, Ct));

        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("project_id=ipt-does-not-exist", ex.Message);
    }

    [Fact]
    public async Task Errors_NeverContainApiKey()
    {
        var project = await RedmineServer.CreateProjectAsync();
        var wrongKey = RedmineServer.CreateConnector(apiKey: WrongApiKey);
        var unreachable = RedmineServer.CreateConnector(url: new Uri("http://127.0.0.1:1/"));
        var realKey = RedmineServer.ApiKey;

        var rejected = await Assert.ThrowsAsync<ConnectorException>(() => wrongKey.CreateAsync(
            project,
            new Dictionary<string, string?> { ["title"] = "x" },
            createToken: null,
            Ct));
        var notReached = await Assert.ThrowsAsync<ConnectorException>(() => unreachable.GetAsync(project, "1", Ct));
        var notReachedTest = await unreachable.TestAsync(Ct);

        Assert.Equal(401, rejected.StatusCode);
        Assert.DoesNotContain(WrongApiKey, rejected.Message);
        Assert.Contains("could not be reached at http://127.0.0.1:1", notReached.Message);
        Assert.DoesNotContain(realKey, notReached.Message);
        Assert.DoesNotContain(realKey, notReached.ToString());
        Assert.False(notReachedTest.Succeeded);
        Assert.DoesNotContain(realKey, notReachedTest.Message);
    }

    [Fact]
    public void FormatFilterTime_TruncatesToWholeUtcSecond()
    {
        var since = new DateTimeOffset(2024, 3, 1, 1, 30, 15, 999, TimeSpan.FromHours(2));

        Assert.Equal("2024-02-29T23:30:15Z", RedmineConnector.FormatFilterTime(since));
    }

    [Fact]
    public void StaticFields_HaveCanonicalKeysWithoutAllowedValues()
    {
        Assert.Equal(
            ["title", "description", "status", "tracker", "priority", "start_date", "due_date", "assignee"],
            RedmineConnector.StaticFields.Select(f => f.Key));
        Assert.Equal(
            [FieldKind.Text, FieldKind.RichText, FieldKind.Choice, FieldKind.Choice, FieldKind.Choice, FieldKind.Date, FieldKind.Date, FieldKind.User],
            RedmineConnector.StaticFields.Select(f => f.Kind));
        Assert.All(RedmineConnector.StaticFields, f => Assert.Null(f.AllowedValues));
    }
}
