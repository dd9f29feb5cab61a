using System.Text.Json;

namespace IntegrationPortal.EndToEnd.Tests.Support;

/// <summary>
/// Issues written by people in a real open-source tracker (deploy/redmine/seed/issues.json, with
/// its attribution in SOURCES.md there), used to give the test project realistic text.
/// </summary>
public static class SeedIssues
{
    public static IReadOnlyList<(string Subject, string Description)> Load(int count)
    {
        var path = Path.Combine(RepositoryPaths.Root, "deploy", "redmine", "seed", "issues.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return
        [
            .. document.RootElement.EnumerateArray().Take(count)
                .Select(e => (e.GetProperty("subject").GetString()!, e.GetProperty("description").GetString() ?? string.Empty)),
        ];
    }
}
