using IntegrationPortal.Application.Requests.Backlog;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Infrastructure.Tests.Requests.Backlog;

public sealed class BacklogGrouperTests
{
    private const string GitHub = ToolKeys.GitHub;
    private const string Redmine = ToolKeys.Redmine;
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Each case: the requests (tool A, tool B, use case), submitted one minute apart in this order,
    /// and the expected groups as request indexes, oldest group first.
    /// </summary>
    public static TheoryData<string, (string, string, string)[], int[][]> Cases => new()
    {
        {
            "same pair in either order with similar use cases",
            [(Redmine, GitHub, "Sync customer bug reports to GitHub issues"), (GitHub, Redmine, "Copy customer bug reports into GitHub issues")],
            [[0, 1]]
        },
        {
            "same use case on different tool pairs",
            [(Redmine, GitHub, "Customer bug reports"), (GitHub, GitHub, "Customer bug reports")],
            [[0], [1]]
        },
        {
            "tool names alone do not make use cases similar",
            [(Redmine, GitHub, "Redmine wiki to GitHub"), (Redmine, GitHub, "Redmine bugs to GitHub")],
            [[0], [1]]
        },
        {
            "sync verbs alone do not make use cases similar",
            [(GitHub, GitHub, "Copy and sync labels automatically"), (GitHub, GitHub, "Copy and sync releases automatically")],
            [[0], [1]]
        },
        {
            "plurals in -ies match their singular",
            [(Redmine, Redmine, "Stories and their time entries"), (Redmine, Redmine, "Story time entry")],
            [[0, 1]]
        },
        {
            "case and accents are ignored",
            [(Redmine, GitHub, "Tâches clients urgentes"), (Redmine, GitHub, "taches CLIENTS urgentes")],
            [[0, 1]]
        },
        {
            "a chain of look-alikes is one group",
            [
                (Redmine, GitHub, "Customer bug reports from the mobile app"),
                (Redmine, GitHub, "Customer bug reports"),
                (Redmine, GitHub, "Customer bug reports for the web portal team"),
            ],
            [[0, 1, 2]]
        },
        {
            "unrelated use cases on one pair stay apart",
            [(Redmine, GitHub, "Release notes to the wiki"), (Redmine, GitHub, "Time tracking per sprint")],
            [[0], [1]]
        },
        {
            "two patterns interleaved form two groups",
            [
                (Redmine, GitHub, "Customer bug reports to issues"),
                (Redmine, Redmine, "Helpdesk tickets to the engineering tracker"),
                (GitHub, Redmine, "Customer bug reports as issues for the app team"),
                (Redmine, Redmine, "Forward helpdesk tickets to engineering"),
                (Redmine, GitHub, "Security advisories"),
            ],
            [[0, 2], [1, 3], [4]]
        },
        {
            "a group is ordered by its oldest request",
            [(GitHub, GitHub, "Milestones per release"), (Redmine, GitHub, "Pull request status"), (GitHub, GitHub, "Release milestones")],
            [[0, 2], [1]]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Group_matches_table(string description, (string, string, string)[] requests, int[][] expected)
    {
        var built = requests.Select((r, i) => Request(r.Item1, r.Item2, r.Item3, i)).ToList();

        var groups = BacklogGrouper.Group(built);

        var actual = groups.Select(g => g.Requests.Select(r => built.IndexOf(r)).ToArray()).ToArray();
        Assert.True(expected.Length == actual.Length, $"{description}: expected {expected.Length} groups, got {Describe(actual)}");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void Group_ignores_input_order()
    {
        var requests = Cases.SelectMany(c => ((string, string, string)[])c[1])
            .Select((r, i) => Request(r.Item1, r.Item2, r.Item3, i))
            .ToList();

        var ordered = BacklogGrouper.Group(requests);
        var shuffled = BacklogGrouper.Group(requests.OrderBy(r => r.Id));

        Assert.Equal(Keys(ordered), Keys(shuffled));
    }

    [Fact]
    public void Label_lists_words_most_requests_share()
    {
        var groups = BacklogGrouper.Group(
        [
            Request(Redmine, GitHub, "Customer bug reports to issues", 0),
            Request(Redmine, GitHub, "Customer bug reports as issues for the app team", 1),
            Request(Redmine, GitHub, "Customer bug reports with screenshots", 2),
        ]);

        var group = Assert.Single(groups);
        Assert.Equal("customer bug reports issues", group.Label);
        Assert.Equal("github+redmine", group.ToolPair);
    }

    [Fact]
    public void Label_orders_ties_as_oldest_use_case()
    {
        var groups = BacklogGrouper.Group(
        [
            Request(GitHub, GitHub, "Translation requests from the localisation repository", 0),
            Request(GitHub, GitHub, "Translation requests from the localisation repository for support", 1),
        ]);

        Assert.Equal("translation requests localisation repository", Assert.Single(groups).Label);
    }

    [Fact]
    public void Label_keeps_typed_word_forms()
    {
        var groups = BacklogGrouper.Group(
        [
            Request(GitHub, Redmine, "Pull request status on the linked Redmine issue", 0),
            Request(GitHub, Redmine, "Pull request status on the linked Redmine issue for the web team", 1),
        ]);

        Assert.Equal("pull request status linked", Assert.Single(groups).Label);
    }

    [Fact]
    public void Label_of_group_without_shared_words_says_so()
    {
        Assert.Equal("(no common words)", BacklogGrouper.Label([]));
    }

    private static IntegrationRequest Request(string toolA, string toolB, string useCase, int minute) => new(
        Guid.NewGuid(), "u-req", "rita@example.com", toolA, toolB, useCase, "title", SyncDirection.Both,
        "Bugs are copied by hand today.", Start.AddMinutes(minute));

    private static string Describe(int[][] groups) => string.Join(" ", groups.Select(g => $"[{string.Join(",", g)}]"));

    private static List<string> Keys(IReadOnlyList<RequestCluster> groups) =>
        [.. groups.Select(g => string.Join(",", g.Requests.Select(r => r.Id)))];
}
