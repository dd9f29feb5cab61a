using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Engine;
using IntegrationPortal.Sync.Tests.Fakes;

namespace IntegrationPortal.Sync.Tests.Faults;

/// <summary>
/// Plays one <see cref="FaultSchedule"/> against two in-memory tools and an in-memory store, then
/// runs the engine without faults until a run changes nothing, and checks the end state with
/// <see cref="ConvergenceCheck"/>. Every tool call and store save, before and after it takes
/// effect, is an event that a fault or a person's edit can be attached to.
/// </summary>
public sealed class FaultScheduleRunner
{
    /// <summary>Runs after the schedule before the flow must be quiet; each run is separated by 5 s.</summary>
    public const int MaxRecoveryRuns = 10;

    private static readonly FieldKind[] Kinds = [FieldKind.Text, FieldKind.RichText, FieldKind.Choice, FieldKind.Labels];

    private readonly FaultSchedule _schedule;
    private readonly FaultOutcome _outcome = new();
    private readonly Dictionary<(string Side, string ItemId), long> _observedAt = [];
    private RunStep? _activeRun;
    private int _eventCount;
    private long _sequence;

    public FaultScheduleRunner(FaultSchedule schedule)
    {
        _schedule = schedule;
        Flow = new SyncHarness
        {
            ConflictRule = schedule.ConflictRule,
            Mappings = [.. FaultSchedule.FieldsA.Select((field, i) => new FieldMapping(
                field,
                FaultSchedule.FieldsB[i],
                SyncDirection.Both,
                i == 2 ? FaultSchedule.StatusMap : []))],
        };
        Flow.A.OnCall = call => OnEvent("A", call.Operation.ToString(), call.ItemId, call.Applied, isTool: true);
        Flow.B.OnCall = call => OnEvent("B", call.Operation.ToString(), call.ItemId, call.Applied, isTool: true);
        Flow.Store.OnCall = call => OnEvent("store", call.Operation.ToString(), null, call.Applied, isTool: false);
    }

    public SyncHarness Flow { get; }

    /// <summary>Receives a line per step, event and run result when set, to follow a replayed schedule.</summary>
    public Action<string>? Trace { get; set; }

    /// <summary>Every edit a person made, in order, including the values of added items.</summary>
    public List<FieldWrite> Edits { get; } = [];

    /// <summary>Every value the engine wrote, by create or update, numbered in the same order as <see cref="Edits"/>.</summary>
    public List<FieldWrite> EngineWrites { get; } = [];

    public async Task<FaultOutcome> RunAsync()
    {
        foreach (var step in _schedule.Steps)
        {
            Trace?.Invoke(step.ToString());
            await ApplyAsync(step);
        }

        await RecoverAsync();
        _outcome.Failures.AddRange(ConvergenceCheck.Find(Flow, Edits, EngineWrites));
        _outcome.StaleOverwrites = Edits.Count(edit => edit.OverwrittenByStaleWrite);
        return _outcome;
    }

    private async Task ApplyAsync(FaultStep step)
    {
        switch (step)
        {
            case RunStep run:
                await RunWithFaultsAsync(run);
                break;
            case WaitStep wait:
                Flow.Wait(wait.Seconds);
                break;
            default:
                ApplyPersonStep(step);
                break;
        }
    }

    private async Task RunWithFaultsAsync(RunStep run)
    {
        _activeRun = run;
        _eventCount = 0;
        try
        {
            var result = await Flow.RunAsync();
            _outcome.FailedItems += result.ItemsFailed;
            Trace?.Invoke($"run: created {result.ItemsCreated}, updated {result.ItemsUpdated}, failed {result.ItemsFailed}, conflicts {result.Conflicts}");
        }
        catch (SimulatedCrashException)
        {
            _outcome.Crashes++;
        }
        catch (ConnectorException)
        {
            // A read that fails ends the run before any write, as the engine promises.
            _outcome.FailedReads++;
        }
        finally
        {
            _activeRun = null;
        }

        _outcome.Runs++;
        Flow.Wait(1);
    }

    private async Task RecoverAsync()
    {
        for (var i = 0; i < MaxRecoveryRuns; i++)
        {
            Flow.Wait();
            var result = await Flow.RunAsync();
            _outcome.RecoveryRuns++;
            Trace?.Invoke($"recovery run: created {result.ItemsCreated}, updated {result.ItemsUpdated}, failed {result.ItemsFailed}, conflicts {result.Conflicts}");
            var pending = Flow.Store.Links.Any(link => link.CreateToken is not null);
            if (result is { ItemsCreated: 0, ItemsUpdated: 0, ItemsFailed: 0 } && !pending)
            {
                return;
            }
        }

        _outcome.Failures.Add($"The flow was still changing items after {MaxRecoveryRuns} runs without faults.");
    }

    private void OnEvent(string side, string operation, string? itemId, bool applied, bool isTool)
    {
        if (isTool && applied)
        {
            Observe(side, operation, itemId);
            RecordEngineWrite(side, operation, itemId);
        }

        if (_activeRun is not { } run)
        {
            return;
        }

        _eventCount++;
        Trace?.Invoke($"  event {_eventCount}: {(applied ? "after" : "before")} {side} {operation} {itemId}");
        foreach (var (atEvent, edit) in run.Interference)
        {
            if (atEvent == _eventCount)
            {
                ApplyPersonStep(edit);
            }
        }

        if (run.FaultAtEvent == _eventCount)
        {
            var point = $"{(applied ? "after" : "before")} {side} {operation} (event {_eventCount})";
            throw !isTool || run.Fault == FaultKind.Crash ? new SimulatedCrashException(point) : ConnectorFailure(run.Fault, point);
        }

        if (isTool && !applied && operation == nameof(ToolOperation.Update))
        {
            MarkStaleOverwrites(side);
        }
    }

    private ConnectorException ConnectorFailure(FaultKind kind, string point)
    {
        _outcome.ConnectorFaults++;
        return kind switch
        {
            FaultKind.ServerError => new ConnectorException($"Simulated HTTP 503 {point}.", 503),
            FaultKind.Rejected => new ConnectorException($"Simulated HTTP 422 {point}.", 422),
            _ => new ConnectorException($"Simulated timeout {point}.", statusCode: null),
        };
    }

    // What the engine has seen of an item: a read lists every item it needs from a side, and a get,
    // create or token search returns the item itself.
    private void Observe(string side, string operation, string? itemId)
    {
        var tool = side == "A" ? Flow.A : Flow.B;
        if (operation == nameof(ToolOperation.Read))
        {
            foreach (var item in tool.Items)
            {
                _observedAt[(side, item.Id)] = _sequence;
            }
        }
        else if (itemId is not null && operation != nameof(ToolOperation.Update))
        {
            _observedAt[(side, itemId)] = _sequence;
        }
    }

    private void RecordEngineWrite(string side, string operation, string? itemId)
    {
        var tool = side == "A" ? Flow.A : Flow.B;
        IReadOnlyDictionary<string, string?>? fields = operation switch
        {
            nameof(ToolOperation.Update) => tool.Updates[^1].Fields,
            nameof(ToolOperation.Create) => tool.Item(itemId!).Fields,
            _ => null,
        };
        foreach (var (field, value) in fields ?? new Dictionary<string, string?>())
        {
            EngineWrites.Add(new FieldWrite(++_sequence, side, itemId!, field, Normalize(side, field, value)));
        }
    }

    // An edit that a person made after the engine last read the item, to a field that the engine now
    // writes with another value, is overwritten, because the tool offers no revision check to stop it.
    private void MarkStaleOverwrites(string side)
    {
        var tool = side == "A" ? Flow.A : Flow.B;
        var update = tool.Updates[^1];
        var seenAt = _observedAt.GetValueOrDefault((side, update.ItemId), long.MaxValue);
        foreach (var (field, value) in update.Fields)
        {
            var last = Edits.LastOrDefault(edit => edit.Side == side && edit.ItemId == update.ItemId && edit.Field == field);
            if (last is not null && last.Sequence > seenAt && last.Value != Normalize(side, field, value))
            {
                last.OverwrittenByStaleWrite = true;
            }
        }
    }

    private void ApplyPersonStep(FaultStep step)
    {
        switch (step)
        {
            case AddStep add:
                var tool = add.Side == "A" ? Flow.A : Flow.B;
                var item = tool.Add([.. add.Values.Select(value => (value.Key, value.Value))]);
                foreach (var (field, value) in add.Values)
                {
                    Record(add.Side, item.Id, field, value);
                }

                break;
            case EditStep edit:
                var target = edit.Side == "A" ? Flow.A : Flow.B;
                var items = target.Items.ToList();
                if (items.Count == 0)
                {
                    return;
                }

                // Setting a field to the value it has is no edit, because no tool or engine can detect it.
                var itemId = items[edit.ItemIndex % items.Count].Id;
                var changed = Normalize(edit.Side, edit.Field, target.Value(itemId, edit.Field)) != Normalize(edit.Side, edit.Field, edit.Value);
                target.Edit(itemId, edit.Field, edit.Value);
                if (changed)
                {
                    Record(edit.Side, itemId, edit.Field, edit.Value);
                }

                break;
            default:
                throw new InvalidOperationException($"Step {step} is not a person's step.");
        }
    }

    private void Record(string side, string itemId, string field, string? value)
    {
        Edits.Add(new FieldWrite(++_sequence, side, itemId, field, Normalize(side, field, value)));
        Trace?.Invoke($"  edit {_sequence}: {side} {itemId} {field}='{value}'");
    }

    internal static string? Normalize(string side, string field, string? value)
    {
        var fields = side == "A" ? FaultSchedule.FieldsA : FaultSchedule.FieldsB;
        var index = fields.ToList().IndexOf(field);
        return FieldNormalizer.Normalize(value, index < 0 ? FieldKind.Text : Kinds[index]);
    }
}

/// <summary>One value written to one field, by a person or by the engine, with its place in the order of all writes.</summary>
public sealed record FieldWrite(long Sequence, string Side, string ItemId, string Field, string? Value)
{
    /// <summary>Whether an engine write based on an older read of the item replaced the value.</summary>
    public bool OverwrittenByStaleWrite { get; set; }
}

/// <summary>What one schedule did and what its end state broke.</summary>
public sealed class FaultOutcome
{
    public List<string> Failures { get; } = [];

    public int Runs { get; set; }

    public int RecoveryRuns { get; set; }

    public int Crashes { get; set; }

    public int ConnectorFaults { get; set; }

    public int FailedReads { get; set; }

    public int FailedItems { get; set; }

    public int StaleOverwrites { get; set; }
}
