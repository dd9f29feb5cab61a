using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace IntegrationPortal.Sync.Tests.Faults;

/// <summary>
/// Runs many random schedules of edits, runs and faults. SYNC_FAULT_SCHEDULES sets how many
/// (default 2000) and SYNC_FAULT_SEED the first seed (default 20261204). Schedule i uses seed + i,
/// so a failing schedule is replayed with its own seed and a count of 1, which also prints a trace.
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private const int DefaultSchedules = 2000;
    private const int DefaultSeed = 20261204;
    private const int MaxReportedFailures = 3;

    [Fact]
    public async Task RandomSchedules_ConvergeWithoutDuplicatesOrLostEdits()
    {
        var count = ReadSetting("SYNC_FAULT_SCHEDULES", DefaultSchedules);
        var seed = ReadSetting("SYNC_FAULT_SEED", DefaultSeed);
        var totals = new FaultOutcome();
        var report = new StringBuilder();
        var failed = 0;
        var stopwatch = Stopwatch.StartNew();

        for (var i = 0; i < count && failed < MaxReportedFailures; i++)
        {
            var schedule = FaultSchedule.Generate(seed + i);
            var runner = new FaultScheduleRunner(schedule) { Trace = count == 1 ? output.WriteLine : null };
            var outcome = await runner.RunAsync();
            Add(totals, outcome);
            if (outcome.Failures.Count > 0)
            {
                failed++;
                report.AppendLine(schedule.ToString())
                    .AppendLine(string.Join("\n", outcome.Failures.Select(failure => "  FAILED: " + failure)))
                    .AppendLine($"  Replay with SYNC_FAULT_SEED={schedule.Seed} SYNC_FAULT_SCHEDULES=1.");
            }
        }

        output.WriteLine(
            $"{count} schedules from seed {seed} in {stopwatch.Elapsed.TotalSeconds:F1} s: {totals.Runs} runs with faults, " +
            $"{totals.RecoveryRuns} recovery runs, {totals.Crashes} crashes, {totals.ConnectorFaults} connector faults, " +
            $"{totals.FailedReads} failed reads, {totals.FailedItems} failed items, " +
            $"{totals.StaleOverwrites} edits overwritten by a write based on an older read.");
        Assert.True(failed == 0, report.ToString());
        Assert.True(totals.Crashes > 0, "No schedule crashed the engine, so the faults were never injected.");
        Assert.True(totals.ConnectorFaults > 0, "No schedule failed a connector call.");
    }

    [Fact]
    public async Task Check_ReportsDuplicateItem()
    {
        var runner = new FaultScheduleRunner(FaultSchedule.Generate(DefaultSeed));
        await runner.RunAsync();
        runner.Flow.B.Add(("title", "Copy made outside the engine"));

        var failures = ConvergenceCheck.Find(runner.Flow, runner.Edits, runner.EngineWrites);

        Assert.Contains(failures, failure => failure.Contains("is not linked"));
    }

    [Fact]
    public async Task Check_ReportsLostEdit()
    {
        var runner = new FaultScheduleRunner(FaultSchedule.Generate(DefaultSeed));
        runner.Flow.A.Add(("subject", "VPN drops"));
        await runner.Flow.RunAsync();
        var idA = runner.Flow.A.Items.Last().Id;
        runner.Edits.Add(new FieldWrite(long.MaxValue, "A", idA, "subject", "Edit the engine never saw"));

        var failures = ConvergenceCheck.Find(runner.Flow, runner.Edits, runner.EngineWrites);

        Assert.Contains(failures, failure => failure.Contains("was lost"));
    }

    [Fact]
    public async Task Check_ReportsDivergedPair()
    {
        var runner = new FaultScheduleRunner(FaultSchedule.Generate(DefaultSeed));
        runner.Flow.A.Add(("subject", "VPN drops"));
        await runner.Flow.RunAsync();
        runner.Flow.B.Edit(runner.Flow.B.Items.Last().Id, "title", "Changed behind the engine");

        var failures = ConvergenceCheck.Find(runner.Flow, runner.Edits, runner.EngineWrites);

        Assert.Contains(failures, failure => failure.Contains("differ in subject/title"));
    }

    [Fact]
    public void Generate_SameSeed_SameSchedule()
    {
        var first = FaultSchedule.Generate(42).ToString();
        var second = FaultSchedule.Generate(42).ToString();

        Assert.Equal(first, second);
    }

    private static int ReadSetting(string name, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"{name} '{text}' is invalid; set it to a whole number.");
    }

    private static void Add(FaultOutcome totals, FaultOutcome outcome)
    {
        totals.Runs += outcome.Runs;
        totals.RecoveryRuns += outcome.RecoveryRuns;
        totals.Crashes += outcome.Crashes;
        totals.ConnectorFaults += outcome.ConnectorFaults;
        totals.FailedReads += outcome.FailedReads;
        totals.FailedItems += outcome.FailedItems;
        totals.StaleOverwrites += outcome.StaleOverwrites;
    }
}
