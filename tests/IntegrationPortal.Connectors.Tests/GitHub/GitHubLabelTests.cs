using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Sync.Engine;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Connectors.Tests.GitHub;

/// <summary>
/// Label names that contain a comma. The canonical labels value is a comma-separated set, so such
/// a name must survive reading, normalizing and writing as one label, not become two.
/// </summary>
public sealed class GitHubLabelTests
{
    private const string Source = "acme/source";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Label_with_comma_is_copied_as_one_label()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.CreateRepository(Source);
        var number = await CreateIssueAsync(context.Emulator.BaseUrl, "Crash on save", ["bug", "needs info, triage"]);
        var connector = context.CreateConnector();

        var read = await connector.GetAsync(Source, number.ToString(System.Globalization.CultureInfo.InvariantCulture), None);
        var labels = FieldNormalizer.Normalize(read!.Fields["labels"], FieldKind.Labels);
        var copy = await connector.CreateAsync(
            GitHubEmulator.EmptyRepository,
            new Dictionary<string, string?> { ["title"] = "Crash on save", ["labels"] = labels },
            createToken: null,
            None);

        var names = await ReadLabelNamesAsync(context.Emulator.BaseUrl, GitHubEmulator.EmptyRepository, copy.Id);
        Assert.Equal(["bug", "needs info, triage"], names);
        Assert.Equal(labels, FieldNormalizer.Normalize(copy.Fields["labels"], FieldKind.Labels));
    }

    [Fact]
    public async Task Label_with_comma_is_kept_when_labels_are_written_back()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Emulator.CreateRepository(Source);
        var number = await CreateIssueAsync(context.Emulator.BaseUrl, "Crash on save", ["needs info, triage"]);
        var connector = context.CreateConnector();
        var id = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var read = await connector.GetAsync(Source, id, None);

        // The other side added "ui"; the engine writes the whole set back.
        var merged = FieldNormalizer.Normalize(read!.Fields["labels"] + ", ui", FieldKind.Labels);
        await connector.UpdateAsync(Source, id, new Dictionary<string, string?> { ["labels"] = merged }, expectedVersion: null, None);

        Assert.Equal(["needs info, triage", "ui"], await ReadLabelNamesAsync(context.Emulator.BaseUrl, Source, id));
    }

    private static HttpClient Client(Uri baseUrl)
    {
        var http = new HttpClient { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GitHubEmulator.DefaultToken);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("IntegrationPortal-Tests");
        return http;
    }

    private static async Task<int> CreateIssueAsync(Uri baseUrl, string title, string[] labels)
    {
        using var http = Client(baseUrl);
        using var response = await http.PostAsJsonAsync(new Uri($"repos/{Source}/issues", UriKind.Relative), new { title, labels });
        response.EnsureSuccessStatusCode();
        var issue = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (int)issue!["number"]!;
    }

    private static async Task<List<string>> ReadLabelNamesAsync(Uri baseUrl, string repository, string number)
    {
        using var http = Client(baseUrl);
        var issue = await http.GetFromJsonAsync<JsonObject>(new Uri($"repos/{repository}/issues/{number}", UriKind.Relative));
        return [.. issue!["labels"]!.AsArray().Select(label => (string)label!["name"]!).Order(StringComparer.Ordinal)];
    }
}
