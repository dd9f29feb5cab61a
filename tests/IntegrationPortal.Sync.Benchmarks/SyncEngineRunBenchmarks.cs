using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using IntegrationPortal.Sync.Engine;
using IntegrationPortal.Sync.Tests.Fakes;

namespace IntegrationPortal.Sync.Benchmarks;

/// <summary>
/// Measures one <see cref="SyncEngine.RunAsync"/> over 10,000 linked pairs of the in-memory
/// Redmine-like and GitHub-like tools, with 4 mappings (subject, description, status through a
/// value map, tags), after <see cref="ChangedPercent"/> percent of the side A items were edited.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class SyncEngineRunBenchmarks
{
    private const int ItemCount = 10_000;

    private SyncHarness _harness = null!;
    private List<string> _editedIds = [];
    private FlowSyncRequest _request = null!;
    private SyncRunResult? _lastResult;
    private int _revision;
    private int _minItemsRead = int.MaxValue;
    private int _maxItemsRead;

    /// <summary>Share of side A items edited before each measured run, in percent of <see cref="ItemCount"/>.</summary>
    [Params(0, 1)]
    public int ChangedPercent { get; set; }

    /// <summary>Creates the items on side A, links them with a first full sync, and settles the cursors with a second run.</summary>
    [GlobalSetup]
    public void CreateLinkedPairs()
    {
        _harness = new SyncHarness();
        for (var i = 0; i < ItemCount; i++)
        {
            _harness.A.Add(
                ("subject", $"Ticket {i}"),
                ("description", $"Steps to reproduce ticket {i}.\nExpected: the printer prints."),
                ("status", (i % 3) switch { 0 => "New", 1 => "In Progress", _ => "Closed" }),
                ("tags", i % 2 == 0 ? "hardware, printer" : "network"));
        }

        var first = _harness.RunAsync().GetAwaiter().GetResult();
        Require(first.ItemsCreated == ItemCount, $"the first run created {first.ItemsCreated} items, expected {ItemCount}");
        _harness.Wait();

        // The first run read side B before creating anything, so B has no cursor yet. This run sets it.
        var second = _harness.RunAsync().GetAwaiter().GetResult();
        Require(second.ItemsUpdated == 0, $"the settling run updated {second.ItemsUpdated} items, expected 0");
        _harness.Wait();

        var editCount = ItemCount * ChangedPercent / 100;
        var step = editCount == 0 ? 1 : ItemCount / editCount;
        _editedIds = [.. _harness.A.Items.Where((_, index) => index % step == 0).Take(editCount).Select(item => item.Id)];
    }

    /// <summary>Edits the chosen side A items as a person would, then builds the request with the saved cursors.</summary>
    [IterationSetup]
    public void EditItems()
    {
        _revision++;
        for (var i = 0; i < _editedIds.Count; i++)
        {
            var id = _editedIds[i];
            _harness.A.Edit(id, "subject", $"Ticket {id}, revision {_revision}");
            if (i % 2 == 0)
            {
                _harness.A.Edit(id, "tags", $"hardware, revision-{_revision}");
            }
        }

        _harness.Wait();
        _request = new FlowSyncRequest(
            _harness.FlowId,
            new SyncSide(_harness.A, _harness.A.Container, _harness.Store.CursorA),
            new SyncSide(_harness.B, _harness.B.Container, _harness.Store.CursorB),
            _harness.Mappings,
            _harness.ConflictRule);
    }

    [Benchmark]
    public async Task<SyncRunResult> RunEngineOnce()
    {
        _lastResult = await _harness.Engine.RunAsync(_request, _harness.Store, progress: null, CancellationToken.None);
        return _lastResult;
    }

    /// <summary>Checks that the measured run propagated exactly the edits, so a broken run cannot pass as a fast one.</summary>
    [IterationCleanup]
    public void CheckRun()
    {
        var result = _lastResult ?? throw new InvalidOperationException("The benchmark method did not run before the iteration cleanup.");
        Require(result.ItemsUpdated == _editedIds.Count, $"the run updated {result.ItemsUpdated} items, expected {_editedIds.Count}");
        Require(result.ItemsFailed == 0, $"{result.ItemsFailed} items failed: {string.Join(" ", result.Errors)}");
        Require(result.Conflicts == 0, $"the run reported {result.Conflicts} conflicts, expected 0");
        _minItemsRead = Math.Min(_minItemsRead, result.ItemsRead);
        _maxItemsRead = Math.Max(_maxItemsRead, result.ItemsRead);
        _lastResult = null;
    }

    /// <summary>Prints how many items the measured runs read, which the summary table does not show.</summary>
    [GlobalCleanup]
    public void PrintItemsRead() =>
        Console.WriteLine($"// ChangedPercent={ChangedPercent}: items read per run (both sides) min {_minItemsRead}, max {_maxItemsRead}");

    private static void Require(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark check failed: {failure}.");
        }
    }

    /// <summary>
    /// One in-process job with one invocation per iteration, because every iteration needs fresh edits from
    /// <see cref="EditItems"/>. In-process avoids building a generated project, which this
    /// repository's Directory.Build.props would also apply to.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(5)
                .WithIterationCount(30)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
        }
    }
}
