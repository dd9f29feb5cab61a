using System.Globalization;
using IntegrationPortal.Connectors;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;
using IntegrationPortal.Sync.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationPortal.Sync.Benchmarks;

/// <summary>
/// Syncs two repositories of the in-process GitHub emulator through the real
/// <see cref="IntegrationPortal.Connectors.GitHub.GitHubConnector"/> three times (initial copy,
/// 10 edits, no edits) and prints the API requests and writes of each engine run.
/// </summary>
public static class ApiCallsRun
{
    private const int IssueCount = 200;
    private const int EditCount = 10;
    private const string RepositoryA = "bench/side-a";
    private const string RepositoryB = "bench/side-b";

    /// <summary>Both sides are GitHub, so the status map is the identity, but values still go through the value map translator.</summary>
    private static readonly IReadOnlyList<ValueMapEntry> StatusMap = [new("open", "open"), new("closed", "closed")];

    private static readonly IReadOnlyList<FieldMapping> Mappings =
    [
        new("title", "title", SyncDirection.Both, []),
        new("description", "description", SyncDirection.Both, []),
        new("status", "status", SyncDirection.Both, StatusMap),
        new("labels", "labels", SyncDirection.Both, []),
    ];

    /// <summary>Runs the scenario, writes the table to <paramref name="output"/> and returns 0, or 1 when a run failed.</summary>
    public static async Task<int> RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);

        await using var emulator = await GitHubEmulator.StartAsync();
        emulator.CreateRepository(RepositoryA);
        emulator.CreateRepository(RepositoryB);

        var counter = new RequestCountingHandler();
        var services = new ServiceCollection();
        services.AddConnectors();
        services.AddHttpClient(ToolKeys.GitHub).AddHttpMessageHandler(() => counter);
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IConnectorFactory>();
        var connectorA = factory.Create(ToolKeys.GitHub, emulator.BaseUrl, GitHubEmulator.DefaultToken);
        var connectorB = factory.Create(ToolKeys.GitHub, emulator.BaseUrl, GitHubEmulator.DefaultToken);

        var issueNumbers = await SeedSideAAsync(connectorA);

        var flow = new Flow(Guid.NewGuid(), connectorA, connectorB, new InMemoryStateStore(),
            new SyncEngine(NullLogger<SyncEngine>.Instance, TimeProvider.System));
        var rows = new List<RunRow>
        {
            await MeasureRunAsync("1: initial copy", IssueCount, flow, emulator, counter),
        };

        await EditSideAAsync(connectorA, issueNumbers);
        rows.Add(await MeasureRunAsync($"2: {EditCount} edited on A", EditCount, flow, emulator, counter));
        rows.Add(await MeasureRunAsync("3: no edits", 0, flow, emulator, counter));

        WriteTable(output, rows);
        return rows.Any(row => row.Result.ItemsFailed > 0) ? 1 : 0;
    }

    /// <summary>Creates the issues on side A; every 10th is closed, which costs GitHub a POST and a PATCH.</summary>
    private static async Task<List<string>> SeedSideAAsync(IConnector connector)
    {
        var numbers = new List<string>();
        for (var i = 1; i <= IssueCount; i++)
        {
            var created = await connector.CreateAsync(RepositoryA, new Dictionary<string, string?>
            {
                ["title"] = $"Issue {i}",
                ["description"] = $"Steps to reproduce issue {i}.",
                ["status"] = i % 10 == 0 ? "closed" : "open",
                ["labels"] = i % 2 == 0 ? "bug, ui" : "question",
            }, createToken: null, CancellationToken.None);
            numbers.Add(created.Id);
        }

        return numbers;
    }

    /// <summary>Edits <see cref="EditCount"/> open issues on side A. Half change the title, and half change the title, labels and status.</summary>
    private static async Task EditSideAAsync(IConnector connector, List<string> issueNumbers)
    {
        for (var k = 0; k < EditCount; k++)
        {
            var number = issueNumbers[(k * 20) + 1];
            var fields = new Dictionary<string, string?> { ["title"] = $"Issue {number}, edited" };
            if (k % 2 == 1)
            {
                fields["labels"] = "bug, needs-triage";
                fields["status"] = "closed";
            }

            await connector.UpdateAsync(RepositoryA, number, fields, expectedVersion: null, CancellationToken.None);
        }
    }

    private static async Task<RunRow> MeasureRunAsync(
        string name, int changedOnA, Flow flow, GitHubEmulator emulator, RequestCountingHandler counter)
    {
        var requestsBefore = emulator.RequestCount;
        var countsBefore = counter.Snapshot();
        var result = await flow.RunAsync();
        return new RunRow(name, changedOnA, result, emulator.RequestCount - requestsBefore, counter.Snapshot() - countsBefore);
    }

    private static void WriteTable(TextWriter output, List<RunRow> rows)
    {
        output.WriteLine($"Issues on side A: {IssueCount}. Mappings: title, description, status (value map), labels.");
        output.WriteLine();
        output.WriteLine("| Run | Items changed on A | Items read | Created on B | Updated | API requests | GET | POST | PATCH | Writes | Writes per propagated change |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var propagated = row.Result.ItemsCreated + row.Result.ItemsUpdated;
            var perChange = propagated == 0
                ? "n/a"
                : ((double)row.Counts.Writes / propagated).ToString("0.00", CultureInfo.InvariantCulture);
            output.WriteLine(
                $"| {row.Name} | {row.ChangedOnA} | {row.Result.ItemsRead} | {row.Result.ItemsCreated} | {row.Result.ItemsUpdated} | {row.EmulatorRequests} " +
                $"| {row.Counts.Gets} | {row.Counts.Posts} | {row.Counts.Patches} | {row.Counts.Writes} | {perChange} |");
        }

        output.WriteLine();
        foreach (var row in rows.Where(row => row.Result.Errors.Count > 0 || row.Result.Warnings.Count > 0))
        {
            output.WriteLine($"{row.Name}: {row.Result.ItemsFailed} failed. {string.Join(" ", row.Result.Errors.Concat(row.Result.Warnings))}");
        }
    }

    private sealed record RunRow(string Name, int ChangedOnA, SyncRunResult Result, int EmulatorRequests, RequestCounts Counts);

    /// <summary>A flow between two repositories whose links and cursors stay in memory between runs.</summary>
    private sealed class Flow(Guid id, IConnector sideA, IConnector sideB, InMemoryStateStore store, SyncEngine engine)
    {
        public Task<SyncRunResult> RunAsync()
        {
            var request = new FlowSyncRequest(
                id,
                new SyncSide(sideA, RepositoryA, store.CursorA),
                new SyncSide(sideB, RepositoryB, store.CursorB),
                Mappings,
                ConflictRule.SideAWins);
            return engine.RunAsync(request, store, progress: null, CancellationToken.None);
        }
    }
}
