namespace IntegrationPortal.Sync.Engine;

/// <summary>The counts, warnings and errors collected during one run.</summary>
internal sealed class SyncRunTally
{
    private readonly List<string> _warningOrder = [];
    private readonly Dictionary<string, int> _warningCounts = new(StringComparer.Ordinal);
    private readonly List<string> _errors = [];

    public int ItemsRead { get; set; }

    public int ItemsCreated { get; set; }

    public int ItemsUpdated { get; set; }

    public int Conflicts { get; set; }

    public int ItemsFailed { get; set; }

    public void AddWarning(string message)
    {
        if (_warningCounts.TryGetValue(message, out var count))
        {
            _warningCounts[message] = count + 1;
            return;
        }

        _warningOrder.Add(message);
        _warningCounts[message] = 1;
    }

    public void AddError(string message) => _errors.Add(message);

    /// <summary>Builds the result; a warning raised more than once is listed once with its count.</summary>
    public SyncRunResult ToResult()
    {
        var warnings = _warningOrder
            .Select(message => _warningCounts[message] == 1 ? message : $"{message} ({_warningCounts[message]} times)")
            .ToList();

        return new SyncRunResult(ItemsRead, ItemsCreated, ItemsUpdated, Conflicts, ItemsFailed, warnings, [.. _errors]);
    }
}
