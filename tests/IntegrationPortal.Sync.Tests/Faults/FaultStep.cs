namespace IntegrationPortal.Sync.Tests.Faults;

/// <summary>What a fault does when its event is reached during a run.</summary>
public enum FaultKind
{
    /// <summary>The worker dies: an exception the engine does not catch leaves the run.</summary>
    Crash,

    /// <summary>The tool responds with HTTP 503.</summary>
    ServerError,

    /// <summary>No response arrives (a ConnectorException without a status).</summary>
    Timeout,

    /// <summary>The tool responds with HTTP 422, as GitHub does when closing a just-created issue fails.</summary>
    Rejected,
}

/// <summary>One step of a schedule. <see cref="object.ToString"/> prints it for replaying a failure.</summary>
public abstract record FaultStep;

/// <summary>A person adds an item on a side, with a value for every mapped field.</summary>
public sealed record AddStep(string Side, IReadOnlyDictionary<string, string?> Values) : FaultStep
{
    public override string ToString() => $"Add on {Side}: {Format(Values)}";

    internal static string Format(IReadOnlyDictionary<string, string?> values) =>
        string.Join(", ", values.Select(value => $"{value.Key}='{value.Value}'"));
}

/// <summary>A person changes one field of the item at <see cref="ItemIndex"/> (modulo the side's item count).</summary>
public sealed record EditStep(string Side, int ItemIndex, string Field, string? Value) : FaultStep
{
    public override string ToString() => $"Edit on {Side}: item #{ItemIndex} {Field}='{Value}'";
}

/// <summary>Time passes between steps.</summary>
public sealed record WaitStep(int Seconds) : FaultStep
{
    public override string ToString() => $"Wait {Seconds} s";
}

/// <summary>
/// One engine run. When the run reaches its <see cref="FaultAtEvent"/>-th write or save event the fault
/// fires, and at each entry of <see cref="Interference"/> a person edits during the run.
/// </summary>
public sealed record RunStep(int? FaultAtEvent, FaultKind Fault, IReadOnlyList<(int AtEvent, FaultStep Edit)> Interference) : FaultStep
{
    public override string ToString()
    {
        var fault = FaultAtEvent is { } at ? $"{Fault} at event {at}" : "no fault";
        var edits = string.Join("; ", Interference.Select(entry => $"at event {entry.AtEvent}: {entry.Edit}"));
        return Interference.Count == 0 ? $"Run ({fault})" : $"Run ({fault}; {edits})";
    }
}
