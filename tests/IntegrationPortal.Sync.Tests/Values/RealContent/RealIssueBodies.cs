using System.Text.Json;

namespace IntegrationPortal.Sync.Tests.Values.RealContent;

/// <summary>Markdown bodies of real GitHub issues, read from the JSON file beside this class.</summary>
public static class RealIssueBodies
{
    private static readonly Lazy<IReadOnlyList<string>> Bodies = new(Load);

    public static IReadOnlyList<string> All => Bodies.Value;

    public static TheoryData<int> Indexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < All.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static IReadOnlyList<string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Values", "RealContent", "anysoftkeyboard-issue-bodies.json");
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.EnumerateArray().Select(issue => issue.GetProperty("body").GetString()!)];
    }
}
