using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Sync.Tests.Faults;

/// <summary>A random schedule of edits, runs and faults, fully determined by its seed.</summary>
public sealed class FaultSchedule
{
    private static readonly string[] Titles = ["VPN drops", "Printer jammed", "Add SSO", "Renew TLS certificate", "Disk full"];
    private static readonly string[] Descriptions = ["Since Monday.", "Steps:\n\n1. Restart `vpnd`.", "See the log."];
    private static readonly string[] Statuses = ["Open", "In Progress", "Closed"];
    private static readonly string[] Tags = ["bug", "bug, ui", "ui, net", "net"];

    // Every text, description and labels value a schedule writes carries a number of its own, so a
    // field never returns to an earlier value and every edit is visible to a three-way merge. Choice
    // values repeat, which ConvergenceCheck allows for.
    private int _nextValue;

    private FaultSchedule(int seed, ConflictRule conflictRule, IReadOnlyList<FaultStep> steps)
    {
        Seed = seed;
        ConflictRule = conflictRule;
        Steps = steps;
    }

    public int Seed { get; }

    public ConflictRule ConflictRule { get; }

    public IReadOnlyList<FaultStep> Steps { get; }

    /// <summary>The field keys on side A, in mapping order; side B's are at the same positions.</summary>
    public static IReadOnlyList<string> FieldsA { get; } = ["subject", "description", "status", "tags"];

    public static IReadOnlyList<string> FieldsB { get; } = ["title", "body", "state", "labels"];

    /// <summary>The one-to-one map between side A's statuses and side B's states.</summary>
    public static IReadOnlyList<ValueMapEntry> StatusMap { get; } =
        [.. Statuses.Select(status => new ValueMapEntry(status, StateOf(status)))];

    public static FaultSchedule Generate(int seed)
    {
        var random = new Random(seed);
        var rule = (ConflictRule)random.Next(3);
        var steps = new List<FaultStep>();
        var schedule = new FaultSchedule(seed, rule, steps);

        var initialItems = random.Next(0, 4);
        for (var i = 0; i < initialItems; i++)
        {
            steps.Add(schedule.RandomAdd(random));
        }

        var count = random.Next(6, 16);
        for (var i = 0; i < count; i++)
        {
            steps.Add(random.Next(10) switch
            {
                < 2 => schedule.RandomAdd(random),
                < 5 => schedule.RandomEdit(random),
                5 => new WaitStep(random.Next(1, 4)),
                _ => schedule.RandomRun(random),
            });
        }

        return schedule;
    }

    public override string ToString() =>
        $"Schedule seed {Seed}, conflict rule {ConflictRule}:\n" + string.Join("\n", Steps.Select((step, i) => $"  {i + 1}. {step}"));

    private static string StateOf(string status) => status.ToLowerInvariant().Replace(' ', '_');

    private AddStep RandomAdd(Random random)
    {
        var side = random.Next(2) == 0 ? "A" : "B";
        var fields = side == "A" ? FieldsA : FieldsB;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            // An item may start with an empty description or no labels; edits always set a value.
            values[fields[i]] = i is 1 or 3 && random.Next(4) == 0 ? null : RandomValue(random, side, i);
        }

        return new AddStep(side, values);
    }

    private EditStep RandomEdit(Random random)
    {
        var side = random.Next(2) == 0 ? "A" : "B";
        var index = random.Next(FieldsA.Count);
        var field = side == "A" ? FieldsA[index] : FieldsB[index];
        return new EditStep(side, random.Next(100), field, RandomValue(random, side, index));
    }

    private string RandomValue(Random random, string side, int fieldIndex)
    {
        var number = ++_nextValue;
        return fieldIndex switch
        {
            0 => $"{Pick(random, Titles)} {number}",
            1 => $"{Pick(random, Descriptions)}\n\nNote {number}.",
            2 => side == "A" ? Pick(random, Statuses) : StateOf(Pick(random, Statuses)),
            _ => $"{Pick(random, Tags)}, v{number}",
        };
    }

    private RunStep RandomRun(Random random)
    {
        int? faultAt = random.Next(4) == 0 ? null : random.Next(1, 16);
        var fault = (FaultKind)random.Next(4);
        var interference = new List<(int, FaultStep)>();
        var edits = random.Next(3);
        for (var i = 0; i < edits; i++)
        {
            FaultStep edit = random.Next(4) == 0 ? RandomAdd(random) : RandomEdit(random);
            interference.Add((random.Next(1, 16), edit));
        }

        return new RunStep(faultAt, fault, interference);
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
