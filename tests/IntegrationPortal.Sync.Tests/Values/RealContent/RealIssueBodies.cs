using System.Text.Json;

namespace IntegrationPortal.Sync.Tests.Values.RealContent;

/// <summary>
/// Real issue text, read from the JSON files beside this class: Markdown bodies of GitHub issues
/// (<see cref="All"/>) and Jira descriptions (<see cref="JiraDescriptions"/>).
/// </summary>
public static class RealIssueBodies
{
    private static readonly Lazy<IReadOnlyList<string>> Bodies = new(() => Load("anysoftkeyboard-issue-bodies.json", "body"));

    private static readonly Lazy<IReadOnlyList<string>> Descriptions =
        new(() => Load("appcelerator-daemon-descriptions.json", "description"));

    public static IReadOnlyList<string> All => Bodies.Value;

    public static IReadOnlyList<string> JiraDescriptions => Descriptions.Value;

    public static TheoryData<int> JiraIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < JiraDescriptions.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static TheoryData<int> Indexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < All.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static IReadOnlyList<string> Load(string fileName, string property)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Values", "RealContent", fileName);
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.EnumerateArray().Select(issue => issue.GetProperty(property).GetString()!)];
    }
}
