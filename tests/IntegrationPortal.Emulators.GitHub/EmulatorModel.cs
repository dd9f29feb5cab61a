namespace IntegrationPortal.Emulators.GitHub;

/// <summary>A repository of the emulator; its issues and pull requests share one number sequence.</summary>
internal sealed class RepositoryRecord(long id, string fullName)
{
    public long Id { get; } = id;

    public string FullName { get; } = fullName;

    public List<IssueRecord> Issues { get; } = [];

    /// <summary>The highest number of a deleted issue, because GitHub never gives a number out twice.</summary>
    public int HighestDeletedNumber { get; set; }

    public int NextNumber => Math.Max(HighestDeletedNumber, Issues.Count == 0 ? 0 : Issues.Max(issue => issue.Number)) + 1;

    public IssueRecord? Find(int number) => Issues.Find(issue => issue.Number == number);
}

/// <summary>An issue or pull request as the emulator stores it; times are whole seconds in UTC.</summary>
internal sealed class IssueRecord
{
    public required long Id { get; init; }

    public required int Number { get; init; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    public required string State { get; set; }

    public string? StateReason { get; set; }

    public List<string> Labels { get; set; } = [];

    public required string Author { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public bool IsPullRequest { get; init; }

    public IssueRecord Copy() => new()
    {
        Id = Id,
        Number = Number,
        Title = Title,
        Body = Body,
        State = State,
        StateReason = StateReason,
        Labels = [.. Labels],
        Author = Author,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        ClosedAt = ClosedAt,
        IsPullRequest = IsPullRequest,
    };
}

/// <summary>Failures to return for the next requests, set by <see cref="GitHubEmulator.InjectFaults"/>.</summary>
internal sealed record FaultPlan(int Remaining, int StatusCode, TimeSpan? RetryAfter, bool RateLimitExhausted);
