using System.Globalization;
using System.Text;
using IntegrationPortal.Connectors.GitHub;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Emulators.GitHub;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;
using IntegrationPortal.Sync.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace IntegrationPortal.Connectors.Tests.Faults;

/// <summary>
/// Runs random schedules of a GitHub-to-GitHub flow between two repositories of the emulator. Each
/// run fails one request, before or after the emulator applied it. After recovery, the test checks
/// that the repositories converged with no duplicate and no lost edit. SYNC_FAULT_EMULATOR_SCHEDULES sets
/// the count (default 100) and SYNC_FAULT_SEED the first seed; a failure prints its schedule's seed.
/// </summary>
public sealed class GitHubFaultInjectionTests(ITestOutputHelper output)
{
    private const int DefaultSchedules = 100;
    private const int DefaultSeed = 20261204;
    private const int MaxRecoveryRuns = 8;
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string[] EditableFields = ["title", "description", "labels"];

    [Fact]
    public async Task RandomSchedules_ConvergeWithoutDuplicatesOrLostEdits()
    {
        var count = ReadSetting("SYNC_FAULT_EMULATOR_SCHEDULES", DefaultSchedules);
        var seed = ReadSetting("SYNC_FAULT_SEED", DefaultSeed);
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await GitHubEmulator.StartAsync(new GitHubEmulatorOptions { TimeProvider = clock });
        using var faults = new FaultingHandler(emulator);
        using var engineHttp = new HttpClient(faults);
        using var personHttp = new HttpClient();
        var report = new StringBuilder();
        var fired = 0;

        for (var i = 0; i < count; i++)
        {
            var schedule = new EmulatorSchedule(seed + i, emulator, clock, faults, engineHttp, personHttp);
            var failures = await schedule.RunAsync();
            fired += schedule.FaultsFired;
            if (failures.Count > 0)
            {
                report.AppendLine($"Schedule seed {seed + i}:").AppendLine(string.Join("\n", schedule.Log.Select(line => "  " + line)))
                    .AppendLine(string.Join("\n", failures.Select(failure => "  FAILED: " + failure)))
                    .AppendLine($"  Replay with SYNC_FAULT_SEED={seed + i} SYNC_FAULT_EMULATOR_SCHEDULES=1.");
            }
        }

        output.WriteLine($"{count} emulator schedules from seed {seed}: {fired} faults fired, {emulator.RequestCount} requests.");
        Assert.True(report.Length == 0, report.ToString());
        Assert.True(fired > 0, "No fault fired, so the schedules tested nothing.");
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

    private sealed class EmulatorSchedule
    {
        private readonly Random _random;
        private readonly ManualTimeProvider _clock;
        private readonly FaultingHandler _faults;
        private readonly string _repositoryA;
        private readonly string _repositoryB;
        private readonly GitHubConnector _engineA;
        private readonly GitHubConnector _engineB;
        private readonly GitHubConnector _person;
        private readonly InMemoryStateStore _store = new();
        private readonly SyncEngine _engine;
        private readonly Guid _flowId = Guid.NewGuid();
        private readonly Dictionary<(string Side, string Issue, string Field), (int Sequence, string? Value)> _lastEdits = [];
        private readonly List<FieldMapping> _mappings =
            [.. GitHubConnector.StaticFields.Select(field => new FieldMapping(field.Key, field.Key, SyncDirection.Both, []))];

        private int _sequence;

        public EmulatorSchedule(int seed, GitHubEmulator emulator, ManualTimeProvider clock, FaultingHandler faults, HttpClient engineHttp, HttpClient personHttp)
        {
            _random = new Random(seed);
            _clock = clock;
            _faults = faults;
            _repositoryA = $"s{seed}/support";
            _repositoryB = $"s{seed}/engineering";
            emulator.CreateRepository(_repositoryA);
            emulator.CreateRepository(_repositoryB);
            _engineA = Connector(engineHttp, emulator);
            _engineB = Connector(engineHttp, emulator);
            _person = Connector(personHttp, emulator);
            _engine = new SyncEngine(NullLogger<SyncEngine>.Instance, clock);
            ConflictRule = (ConflictRule)_random.Next(3);
        }

        public ConflictRule ConflictRule { get; }

        public List<string> Log { get; } = [];

        public int FaultsFired { get; private set; }

        public async Task<IReadOnlyList<string>> RunAsync()
        {
            Log.Add($"conflict rule {ConflictRule}");
            var steps = _random.Next(5, 10);
            for (var i = 0; i < steps; i++)
            {
                await (_random.Next(3) switch
                {
                    0 => AddAsync(),
                    1 => EditAsync(),
                    _ => RunWithFaultAsync(),
                });
                _clock.Advance(TimeSpan.FromSeconds(_random.Next(1, 4)));
            }

            _faults.Arm(null, RequestFault.CrashBefore);
            for (var i = 0; i < MaxRecoveryRuns; i++)
            {
                _clock.Advance(TimeSpan.FromSeconds(5));
                var result = await RunEngineAsync();
                Log.Add($"recovery run: created {result.ItemsCreated}, updated {result.ItemsUpdated}, failed {result.ItemsFailed}");
                if (result is { ItemsCreated: 0, ItemsUpdated: 0, ItemsFailed: 0 })
                {
                    return await CheckAsync();
                }
            }

            return [$"The flow was still changing items after {MaxRecoveryRuns} runs without faults."];
        }

        private static GitHubConnector Connector(HttpClient http, GitHubEmulator emulator) =>
            new(http, emulator.BaseUrl, GitHubEmulator.DefaultToken, NullLogger<GitHubConnector>.Instance);

        private string RepositoryOf(string side) => side == "A" ? _repositoryA : _repositoryB;

        private async Task AddAsync()
        {
            var side = _random.Next(2) == 0 ? "A" : "B";
            var fields = new Dictionary<string, string?>
            {
                ["title"] = $"Issue {++_sequence}",
                ["description"] = $"Found on {_sequence}.",
                ["status"] = _random.Next(3) == 0 ? "closed" : "open",
                ["labels"] = $"bug, v{_sequence}",
            };
            var created = await _person.CreateAsync(RepositoryOf(side), fields, createToken: null, None);
            foreach (var (field, value) in fields)
            {
                _lastEdits[(side, created.Id, field)] = (_sequence, value);
            }

            Log.Add($"add on {side}: #{created.Id} {string.Join(", ", fields.Select(field => $"{field.Key}='{field.Value}'"))}");
        }

        private async Task EditAsync()
        {
            var side = _random.Next(2) == 0 ? "A" : "B";
            var issues = await _person.ReadChangedAsync(RepositoryOf(side), null, None);
            if (issues.Count == 0)
            {
                return;
            }

            var issue = issues[_random.Next(issues.Count)];
            var field = EditableFields[_random.Next(EditableFields.Length)];
            var value = field == "labels" ? $"ui, v{++_sequence}" : $"{field} edit {++_sequence}";
            await _person.UpdateAsync(RepositoryOf(side), issue.Id, new Dictionary<string, string?> { [field] = value }, expectedVersion: null, None);
            _lastEdits[(side, issue.Id, field)] = (_sequence, value);
            Log.Add($"edit on {side}: #{issue.Id} {field}='{value}'");
        }

        private async Task RunWithFaultAsync()
        {
            var failAt = _random.Next(1, 12);
            var fault = (RequestFault)_random.Next(5);
            _faults.Arm(failAt, fault);
            string outcome;
            try
            {
                var result = await RunEngineAsync();
                outcome = $"created {result.ItemsCreated}, updated {result.ItemsUpdated}, failed {result.ItemsFailed}";
            }
            catch (Exception exception) when (exception is SimulatedCrashException or ConnectorException)
            {
                outcome = exception.Message;
            }

            FaultsFired += _faults.Fired ? 1 : 0;
            Log.Add($"run with {fault} at request {failAt}{(_faults.Fired ? string.Empty : " (not reached)")}: {outcome}");
        }

        private Task<SyncRunResult> RunEngineAsync()
        {
            var request = new FlowSyncRequest(
                _flowId,
                new SyncSide(_engineA, _repositoryA, _store.CursorA),
                new SyncSide(_engineB, _repositoryB, _store.CursorB),
                _mappings,
                ConflictRule);
            return _engine.RunAsync(request, _store, null, None);
        }

        private async Task<IReadOnlyList<string>> CheckAsync()
        {
            var failures = new List<string>();
            var issuesA = (await _person.ReadChangedAsync(_repositoryA, null, None)).ToDictionary(issue => issue.Id);
            var issuesB = (await _person.ReadChangedAsync(_repositoryB, null, None)).ToDictionary(issue => issue.Id);
            var links = _store.Links;

            failures.AddRange(links.Where(link => link.CreateToken is not null || link.ItemIdA is null || link.ItemIdB is null)
                .Select(link => $"Link {link.Id} is incomplete: A={link.ItemIdA}, B={link.ItemIdB}."));
            failures.AddRange(Unlinked("A", issuesA.Keys, links.Select(link => link.ItemIdA)));
            failures.AddRange(Unlinked("B", issuesB.Keys, links.Select(link => link.ItemIdB)));

            foreach (var link in links.Where(link => link.ItemIdA is not null && link.ItemIdB is not null))
            {
                if (issuesA.TryGetValue(link.ItemIdA!, out var issueA) && issuesB.TryGetValue(link.ItemIdB!, out var issueB))
                {
                    CheckPair(failures, issueA, issueB);
                }
            }

            return failures;
        }

        private static IEnumerable<string> Unlinked(string side, IEnumerable<string> issueIds, IEnumerable<string?> linkedIds)
        {
            var linked = linkedIds.Where(id => id is not null).ToList();
            foreach (var id in issueIds)
            {
                var count = linked.Count(linkedId => linkedId == id);
                if (count != 1)
                {
                    yield return $"Issue #{id} on side {side} is linked {count} times.";
                }
            }
        }

        private void CheckPair(List<string> failures, SyncItem issueA, SyncItem issueB)
        {
            foreach (var descriptor in GitHubConnector.StaticFields)
            {
                var field = descriptor.Key;
                var valueA = FieldNormalizer.Normalize(issueA.Fields[field], descriptor.Kind);
                var valueB = FieldNormalizer.Normalize(issueB.Fields[field], descriptor.Kind);
                if (valueA != valueB)
                {
                    failures.Add($"Issues A#{issueA.Id} and B#{issueB.Id} differ in {field}: '{valueA}' and '{valueB}'.");
                    continue;
                }

                var lastA = _lastEdits.GetValueOrDefault(("A", issueA.Id, field));
                var lastB = _lastEdits.GetValueOrDefault(("B", issueB.Id, field));
                var (side, last) = lastA.Sequence >= lastB.Sequence ? ("A", lastA) : ("B", lastB);
                var expected = FieldNormalizer.Normalize(last.Value, descriptor.Kind);
                if (last.Sequence == 0 || expected == valueA)
                {
                    continue;
                }

                var reported = _store.Conflicts.Any(conflict => conflict.ItemIdA == issueA.Id && conflict.FieldA == field
                    && (side == "A" ? conflict.ValueA : conflict.ValueB) == expected);
                if (!reported)
                {
                    failures.Add($"The last edit of {field} on side {side} ('{expected}') was lost: both issues hold '{valueA}'.");
                }
            }
        }
    }
}
