namespace IntegrationPortal.Domain.Flows;

/// <summary>One execution of a flow, with the counts shown on the flow page.</summary>
public sealed class SyncRun
{
    public const int MaxErrorLength = 2000;
    public const int MaxWarningsLength = 8000;

    private SyncRun()
    {
        Trigger = string.Empty;
    }

    public SyncRun(Guid id, Guid flowId, int flowVersion, string trigger, DateTimeOffset at)
    {
        Id = id;
        FlowId = flowId;
        FlowVersion = flowVersion;
        Trigger = trigger;
        StartedAt = at;
        Status = SyncRunStatus.Running;
    }

    public Guid Id { get; private set; }

    public Guid FlowId { get; private set; }

    public int FlowVersion { get; private set; }

    /// <summary>What started the run: "schedule" or "manual".</summary>
    public string Trigger { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public SyncRunStatus Status { get; private set; }

    public int ItemsRead { get; set; }

    public int ItemsCreated { get; set; }

    public int ItemsUpdated { get; set; }

    public int Conflicts { get; set; }

    public int ItemsFailed { get; set; }

    /// <summary>Warnings such as unmapped values, one per line, for the flow owner.</summary>
    public string? Warnings { get; private set; }

    public string? Error { get; private set; }

    /// <summary>For a throttled run, the time the tool allows the next call, when the follow-up run starts.</summary>
    public DateTimeOffset? RetryAt { get; private set; }

    /// <summary>Keeps the warnings, cut to <see cref="MaxWarningsLength"/> characters.</summary>
    public void RecordWarnings(IReadOnlyList<string> warnings)
    {
        var text = string.Join(Environment.NewLine, warnings);
        Warnings = text.Length == 0 ? null : Truncate(text, MaxWarningsLength);
    }

    public void Finish(DateTimeOffset at, string? error)
    {
        FinishedAt = at;
        Status = error is null && ItemsFailed == 0 ? SyncRunStatus.Succeeded : SyncRunStatus.Failed;
        Error = error is null ? null : Truncate(error, MaxErrorLength);
    }

    /// <summary>Ends a run that stopped because of a rate limit; items done before the limit stay done.</summary>
    public void FinishThrottled(DateTimeOffset at, DateTimeOffset retryAt, string message)
    {
        FinishedAt = at;
        Status = SyncRunStatus.Throttled;
        RetryAt = retryAt;
        Error = Truncate(message, MaxErrorLength);
    }

    private static string Truncate(string text, int maxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
}
