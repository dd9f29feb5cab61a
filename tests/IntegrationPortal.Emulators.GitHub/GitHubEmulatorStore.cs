using System.Globalization;

namespace IntegrationPortal.Emulators.GitHub;

/// <summary>
/// The emulator's state: repositories, issues, injected faults and rate-limit counters. Every read
/// and write of it happens while holding <see cref="Gate"/>, so concurrent requests stay consistent.
/// </summary>
internal sealed class GitHubEmulatorStore
{
    public const string SeedEmptyRepository = "acme/engineering";

    /// <summary>Requests per hour that the emulator reports, GitHub's limit for a personal token.</summary>
    public const int RateLimit = 5000;

    private readonly Dictionary<string, RepositoryRecord> _repositories = new(StringComparer.OrdinalIgnoreCase);
    private FaultPlan? _faults;
    private int _requestCount;
    private int _rateUsed;
    private DateTimeOffset _rateReset;
    private long _nextId;

    public GitHubEmulatorStore(GitHubEmulatorOptions options)
    {
        Options = options;
        Reset();
    }

    public Lock Gate { get; } = new();

    public GitHubEmulatorOptions Options { get; }

    public int RequestCount
    {
        get
        {
            using (Gate.EnterScope())
            {
                return _requestCount;
            }
        }
    }

    /// <summary>Now in UTC, truncated to whole seconds like GitHub's timestamps.</summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = Options.TimeProvider.GetUtcNow();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }
    }

    public IEnumerable<RepositoryRecord> Repositories => _repositories.Values.OrderBy(repository => repository.FullName, StringComparer.Ordinal);

    /// <summary>Restores the seeded repositories and clears faults and counters.</summary>
    public void Reset()
    {
        using (Gate.EnterScope())
        {
            _repositories.Clear();
            var recorded = FixtureSeed.CreateRecordedRepository();
            _repositories[recorded.FullName] = recorded;
            _nextId = 1_000_000;
            _repositories[SeedEmptyRepository] = new RepositoryRecord(NewId(), SeedEmptyRepository);
            _faults = null;
            _requestCount = 0;
            _rateUsed = 0;
            _rateReset = Now.AddHours(1);
        }
    }

    public long NewId() => ++_nextId;

    public RepositoryRecord? FindRepository(string fullName) => _repositories.GetValueOrDefault(fullName);

    /// <summary>Adds an empty repository; throws <see cref="ArgumentException"/> for an invalid or taken name.</summary>
    public RepositoryRecord CreateRepository(string fullName)
    {
        var parts = (fullName ?? string.Empty).Split('/');
        if (parts.Length != 2 || parts.Any(part => part.Length == 0 || part.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException($"Repository name '{fullName}' is invalid; use owner/repo.", nameof(fullName));
        }

        using (Gate.EnterScope())
        {
            if (_repositories.ContainsKey(fullName!))
            {
                throw new ArgumentException($"Repository '{fullName}' already exists.", nameof(fullName));
            }

            var repository = new RepositoryRecord(NewId(), fullName!);
            _repositories[fullName!] = repository;
            return repository;
        }
    }

    /// <summary>Removes an issue, as a repository admin's delete does; returns false when there was none.</summary>
    public bool DeleteIssue(string fullName, int number)
    {
        using (Gate.EnterScope())
        {
            var repository = FindRepository(fullName)
                ?? throw new ArgumentException($"Repository '{fullName}' does not exist.", nameof(fullName));
            var issue = repository.Find(number);
            if (issue is null)
            {
                return false;
            }

            repository.HighestDeletedNumber = Math.Max(repository.HighestDeletedNumber, number);
            return repository.Issues.Remove(issue);
        }
    }

    /// <summary>Adds an open pull request to a repository and returns its number.</summary>
    public int AddPullRequest(string fullName, string title)
    {
        using (Gate.EnterScope())
        {
            var repository = FindRepository(fullName)
                ?? throw new ArgumentException($"Repository '{fullName}' does not exist.", nameof(fullName));
            var now = Now;
            var pullRequest = new IssueRecord
            {
                Id = NewId(),
                Number = repository.NextNumber,
                Title = title,
                State = "open",
                Author = Options.Login,
                CreatedAt = now,
                UpdatedAt = now,
                IsPullRequest = true,
            };
            repository.Issues.Add(pullRequest);
            return pullRequest.Number;
        }
    }

    public void InjectFaults(int count, int statusCode, TimeSpan? retryAfter, bool rateLimitExhausted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);

        using (Gate.EnterScope())
        {
            _faults = count == 0 ? null : new FaultPlan(count, statusCode, retryAfter, rateLimitExhausted);
        }
    }

    /// <summary>
    /// Counts one API request, and returns its rate-limit header values and the pending fault to
    /// respond with, if any.
    /// </summary>
    public (IReadOnlyList<KeyValuePair<string, string>> Headers, FaultPlan? Fault) Admit()
    {
        using (Gate.EnterScope())
        {
            _requestCount++;
            var now = Now;
            if (now >= _rateReset)
            {
                _rateUsed = 0;
                _rateReset = now.AddHours(1);
            }

            _rateUsed++;
            var used = Math.Min(_rateUsed, RateLimit);
            var remaining = RateLimit - used;
            var reset = _rateReset;

            var fault = _faults;
            if (fault is not null)
            {
                _faults = fault.Remaining > 1 ? fault with { Remaining = fault.Remaining - 1 } : null;
                if (fault.RateLimitExhausted)
                {
                    used = RateLimit;
                    remaining = 0;
                    reset = now + (fault.RetryAfter ?? TimeSpan.FromHours(1));
                }
            }

            var headers = new List<KeyValuePair<string, string>>
            {
                new("X-RateLimit-Limit", RateLimit.ToString(CultureInfo.InvariantCulture)),
                new("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture)),
                new("X-RateLimit-Reset", reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                new("X-RateLimit-Used", used.ToString(CultureInfo.InvariantCulture)),
                new("X-RateLimit-Resource", "core"),
            };
            return (headers, fault);
        }
    }
}
