using IntegrationPortal.Sync.Tests.Values.RealContent;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Connectors.Tests.Redmine;

/// <summary>
/// Real GitHub issue bodies written to a real Redmine as Textile and read back: the value settles
/// after the first trip, so the trip alone does not make a linked description count as changed.
/// The Redmine collection keeps these tests from writing at the same time as the other Redmine tests.
/// </summary>
[Collection("Redmine")]
public sealed class RedmineRealContentTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly Lazy<Task<string>> Project = new(() => RedmineServer.CreateProjectAsync("Real content"));

    [Theory]
    [MemberData(nameof(RealIssueBodies.Indexes), MemberType = typeof(RealIssueBodies))]
    public async Task RealBody_settles_after_first_trip(int index)
    {
        var project = await Project.Value;
        var connector = RedmineServer.CreateConnector();
        var canonical = RichTextConverter.ToCanonical(RealIssueBodies.All[index], RichTextFormat.GitHubMarkdown);

        var created = await connector.CreateAsync(
            project, new Dictionary<string, string?> { ["title"] = $"Real body {index}", ["description"] = canonical }, createToken: null, Ct);
        var first = (await connector.GetAsync(project, created.Id, Ct))!.Fields["description"];
        await connector.UpdateAsync(project, created.Id, new Dictionary<string, string?> { ["description"] = first }, expectedVersion: null, Ct);
        var second = (await connector.GetAsync(project, created.Id, Ct))!.Fields["description"];

        Assert.Equal(created.Fields["description"], first);
        Assert.Equal(first, second);
    }
}
