using System.Text.Json;
using IntegrationPortal.Connectors.GitHub;

namespace IntegrationPortal.Connectors.Tests.GitHub;

public sealed class GitHubIssueMapperTests
{
    [Fact]
    public void ToSyncItem_BodyBecomesCanonicalMarkdown()
    {
        using var issue = JsonDocument.Parse("""
            {
              "number": 7,
              "updated_at": "2026-03-02T09:00:00Z",
              "title": "Crash",
              "body": "Steps\r\n=====\r\n\r\n* Open __Settings__\r\n* Run `adb logcat`  \r\n",
              "state": "open",
              "labels": [{ "name": "ui" }, { "name": "bug" }]
            }
            """);

        var item = GitHubIssueMapper.ToSyncItem(issue.RootElement);

        Assert.Equal("# Steps\n\n- Open **Settings**\n- Run `adb logcat`", item.Fields["description"]);
        Assert.Equal("bug, ui", item.Fields["labels"]);
    }

    [Fact]
    public void ToRequestBody_WritesCanonicalMarkdown()
    {
        var body = GitHubIssueMapper.ToRequestBody(
            new Dictionary<string, string?> { ["description"] = "Title\n---\n\n+ item" }, "PATCH /repos/o/r/issues/1");

        Assert.Equal("## Title\n\n- item", body["body"]!.GetValue<string>());
    }

    [Fact]
    public void ToRequestBody_EmptyDescriptionIsNull()
    {
        var body = GitHubIssueMapper.ToRequestBody(new Dictionary<string, string?> { ["description"] = " \n " }, "PATCH /repos/o/r/issues/1");

        Assert.Null(body["body"]);
    }

    [Fact]
    public void Unknown_status_names_value_map_fix()
    {
        var exception = Assert.Throws<IntegrationPortal.Sync.Connectors.ConnectorException>(() =>
            GitHubIssueMapper.ToRequestBody(new Dictionary<string, string?> { ["status"] = "New" }, "POST /repos/o/r/issues"));

        Assert.Contains("status 'New' is invalid", exception.Message, StringComparison.Ordinal);
        Assert.Contains("value map", exception.Message, StringComparison.Ordinal);
    }
}
