using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Infrastructure.Seeding;

/// <summary>A person a seeded request belongs to or is assigned to.</summary>
public sealed record SeedPerson(string Id, string Name);

/// <summary>
/// Builds a realistic backlog for demos and benchmarks: half of the requests are variations of two
/// patterns (customer bugs from Redmine to GitHub, helpdesk tickets between two Redmine servers),
/// the rest spread over other topics and teams. Ages follow an exponential spread with a mean of
/// about six days, and statuses are mostly open with some decided, built and live requests.
/// The same count, seed and time always give the same backlog.
/// </summary>
public static class BacklogGenerator
{
    private static readonly string[] BugOpenings = ["Sync", "Copy", "Mirror", "Send", "Move", ""];

    private static readonly string[] BugCores =
    [
        "customer bug reports from Redmine to GitHub issues",
        "Redmine customer bug reports into GitHub issues",
        "customer bug reports as GitHub issues",
        "customer-reported bugs in Redmine as GitHub issues",
    ];

    private static readonly string[] BugEndings =
        ["", " for the mobile team", " so engineering sees them", " with their priority", " including screenshots", " for the keyboard app"];

    private static readonly string[] HelpdeskUseCases =
    [
        "Forward helpdesk tickets to the engineering Redmine",
        "Escalate helpdesk tickets to engineering",
        "Helpdesk support tickets into the engineering tracker",
        "Copy escalated helpdesk tickets to the engineering Redmine",
        "Helpdesk tickets that need a fix go to engineering",
        "Forward helpdesk tickets to engineering with their status",
    ];

    private static readonly (string ToolA, string ToolB, string UseCase)[] OtherTopics =
    [
        (ToolKeys.Redmine, ToolKeys.GitHub, "Time entries per sprint"),
        (ToolKeys.Redmine, ToolKeys.GitHub, "Wiki pages as repository documentation"),
        (ToolKeys.Redmine, ToolKeys.GitHub, "Roadmap versions as GitHub milestones"),
        (ToolKeys.GitHub, ToolKeys.Redmine, "Pull request status on the linked Redmine issue"),
        (ToolKeys.GitHub, ToolKeys.Redmine, "Security advisories to the security tracker"),
        (ToolKeys.GitHub, ToolKeys.GitHub, "Release notes from the app repository to the docs site"),
        (ToolKeys.GitHub, ToolKeys.GitHub, "Dependency update alerts across repositories"),
        (ToolKeys.GitHub, ToolKeys.GitHub, "Translation requests from the localisation repository"),
        (ToolKeys.Redmine, ToolKeys.Redmine, "Hardware lab bookings between sites"),
        (ToolKeys.Redmine, ToolKeys.Redmine, "Onboarding checklists for new hires"),
        (ToolKeys.Redmine, ToolKeys.GitHub, "Feature ideas voted by customers"),
        (ToolKeys.GitHub, ToolKeys.Redmine, "Crash reports from the beta channel"),
    ];

    private static readonly string[] Teams =
        ["", " for the web team", " for the data team", " for QA", " for the Berlin office", " for support", " for finance"];

    // Each pair requests only fields both of its tools have, so IT can turn any seeded group into a
    // template. GitHub and Redmine share only title, description and status.
    private static readonly string[] MixedFieldSets =
    [
        "title, description, status",
        "description, title",
        "title, status",
        "title, description",
    ];

    private static readonly string[] RedmineFieldSets =
    [
        "title, description, status",
        "title, description, status, priority",
        "title, status, assignee",
        "title, description, status, due date",
    ];

    private static readonly string[] GitHubFieldSets =
    [
        "title, description, status",
        "title, description, labels, status",
        "title, labels",
    ];

    private static readonly string[] ItemExamples =
    [
        // Issue titles from the AnySoftKeyboard tracker (Apache-2.0), used as example items as data.
        "Phone rotation bug",
        "glide typing issue",
        "Crashes in very specific situation",
        "Strange bug changing order of characters when typing fast",
        "[Bug] On restart theme defaults to basic dark",
        "Japanese Keyboard Layout",
        "Can't remove words",
        "Loss of apostrophe option when switching bottom row",
    ];

    private static readonly string[] Justifications =
    [
        "Support copies every report by hand today, about an hour a day, and some get lost on the way.",
        "Engineering only looks at its own tracker, so customers wait days before anyone sees their report.",
        "We keep two lists of the same work and they disagree every week in the planning meeting.",
        "The team built a spreadsheet workaround that breaks whenever someone renames a column.",
        "Management asked for one view of the open work across both teams before the next release.",
    ];

    /// <summary>Returns <paramref name="count"/> requests of <paramref name="requesters"/>, some assigned to <paramref name="admins"/>.</summary>
    public static IReadOnlyList<IntegrationRequest> Generate(
        int count, int seed, DateTimeOffset now, IReadOnlyList<SeedPerson> requesters, IReadOnlyList<SeedPerson> admins)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(requesters);
        ArgumentNullException.ThrowIfNull(admins);
        if (requesters.Count == 0)
        {
            throw new ArgumentException("At least one requester is needed to seed requests.", nameof(requesters));
        }

        var random = new Random(seed);
        var requests = new List<IntegrationRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var (toolA, toolB, useCase) = (i % 4) switch
            {
                0 => (ToolKeys.Redmine, ToolKeys.GitHub, BugUseCase(random)),
                1 => (ToolKeys.Redmine, ToolKeys.Redmine, Pick(random, HelpdeskUseCases)),
                _ => OtherUseCase(random),
            };
            var requester = requesters[random.Next(requesters.Count)];
            var submittedAt = now - Age(random);
            var request = new IntegrationRequest(
                NewId(random),
                requester.Id,
                requester.Name,
                toolA,
                toolB,
                useCase,
                Pick(random, FieldSetsOf(toolA, toolB)),
                (SyncDirection)random.Next(3),
                Pick(random, Justifications),
                submittedAt);
            request.Describe(
                $"Reports such as \"{Pick(random, ItemExamples)}\"",
                random.Next(4) == 0 ? DataClassification.Confidential : DataClassification.Internal,
                random.Next(3) == 0 ? DateOnly.FromDateTime(now.UtcDateTime).AddDays(random.Next(5, 40)) : null);
            Advance(request, random, submittedAt, now, admins);
            requests.Add(request);
        }

        return requests;
    }

    private static string[] FieldSetsOf(string toolA, string toolB) => (toolA, toolB) switch
    {
        (ToolKeys.Redmine, ToolKeys.Redmine) => RedmineFieldSets,
        (ToolKeys.GitHub, ToolKeys.GitHub) => GitHubFieldSets,
        _ => MixedFieldSets,
    };

    private static string BugUseCase(Random random)
    {
        var opening = Pick(random, BugOpenings);
        var core = Pick(random, BugCores);
        var text = opening.Length == 0 ? char.ToUpperInvariant(core[0]) + core[1..] : $"{opening} {core}";
        return text + Pick(random, BugEndings);
    }

    private static (string, string, string) OtherUseCase(Random random)
    {
        var (toolA, toolB, useCase) = OtherTopics[random.Next(OtherTopics.Length)];
        return (toolA, toolB, useCase + Pick(random, Teams));
    }

    /// <summary>An exponential spread with a mean of six days, cut at 60 days.</summary>
    private static TimeSpan Age(Random random) =>
        TimeSpan.FromHours(Math.Min(60 * 24, -Math.Log(1 - random.NextDouble()) * 6 * 24));

    /// <summary>Moves a submitted request on: about 70% stay open, the rest are decided, and some approved ones go live.</summary>
    private static void Advance(IntegrationRequest request, Random random, DateTimeOffset submittedAt, DateTimeOffset now, IReadOnlyList<SeedPerson> admins)
    {
        var roll = random.Next(100);
        var age = now - submittedAt;
        var decidedAt = submittedAt + (age * (0.2 + (0.6 * random.NextDouble())));
        var admin = admins.Count == 0 ? null : admins[random.Next(admins.Count)];
        var adminName = admin?.Name ?? "it-admin@example.com";
        if (roll < 50)
        {
            return;
        }

        if (roll < 65)
        {
            request.AssignTo(admin?.Id, admin?.Name);
            request.StartReview(decidedAt);
        }
        else if (roll < 72)
        {
            request.AskForInformation(decidedAt);
        }
        else if (roll < 92)
        {
            request.Approve(adminName, decidedAt);
            if (roll >= 82)
            {
                request.MarkBuilt(decidedAt + ((now - decidedAt) / 3));
                request.MarkLive(decidedAt + ((now - decidedAt) / 2));
            }
        }
        else
        {
            request.Reject(adminName, "Use the existing bug template, or describe which fields it lacks.", decidedAt);
        }
    }

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
