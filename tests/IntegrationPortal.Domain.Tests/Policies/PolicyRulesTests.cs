using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;

namespace IntegrationPortal.Domain.Tests.Policies;

/// <summary>The policy evaluator over a table of cases: access per direction, defaults, item types, scope and tool status.</summary>
public sealed class PolicyRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> GitHubFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = "Title",
        ["status"] = "Status",
        ["labels"] = "Labels",
        ["assignee"] = "Assignee",
    };

    private static readonly Dictionary<string, string> RedmineFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = "Title",
        ["tracker"] = "Tracker",
        ["assignee"] = "Assignee",
    };

    /// <summary>
    /// Side B (GitHub) has a rule for "assignee"; the mapping redmine.assignee → github.assignee runs
    /// in the given direction. Reading GitHub needs read access, writing it needs write access.
    /// </summary>
    public static TheoryData<FieldAccess, SyncDirection, string?> AccessByDirection => new()
    {
        { FieldAccess.SyncBothWays, SyncDirection.AToB, null },
        { FieldAccess.SyncBothWays, SyncDirection.BToA, null },
        { FieldAccess.SyncBothWays, SyncDirection.Both, null },
        { FieldAccess.ReadOnly, SyncDirection.AToB, "GitHub's field Assignee may not be written by flows; IT set it to read only." },
        { FieldAccess.ReadOnly, SyncDirection.BToA, null },
        { FieldAccess.ReadOnly, SyncDirection.Both, "GitHub's field Assignee may not be written by flows; IT set it to read only." },
        { FieldAccess.WriteOnly, SyncDirection.AToB, null },
        { FieldAccess.WriteOnly, SyncDirection.BToA, "GitHub's field Assignee may not be read by flows; IT set it to write only." },
        { FieldAccess.WriteOnly, SyncDirection.Both, "GitHub's field Assignee may not be read by flows; IT set it to write only." },
        { FieldAccess.Never, SyncDirection.AToB, "GitHub's field Assignee may not be written by flows; IT set it to never sync." },
        { FieldAccess.Never, SyncDirection.BToA, "GitHub's field Assignee may not be read by flows; IT set it to never sync." },
        { FieldAccess.Never, SyncDirection.Both, "GitHub's field Assignee may not be read or written by flows; IT set it to never sync." },
    };

    [Theory]
    [MemberData(nameof(AccessByDirection))]
    public void Evaluate_field_access_by_direction(FieldAccess access, SyncDirection direction, string? expected)
    {
        var github = Policy(ToolKeys.GitHub, FieldAccess.SyncBothWays, new FieldRule("assignee", null, access, DataClassification.Internal));

        var findings = Evaluate(Redmine(), GitHub(github), Map("assignee", "assignee", direction));

        AssertFindings(expected, findings);
    }

    /// <summary>The same table with the rule on side A, so the roles of read and write swap.</summary>
    [Theory]
    [MemberData(nameof(AccessByDirection))]
    public void Evaluate_field_access_on_side_A(FieldAccess access, SyncDirection direction, string? expectedForB)
    {
        var github = Policy(ToolKeys.GitHub, FieldAccess.SyncBothWays, new FieldRule("assignee", null, access, DataClassification.Internal));
        var mirrored = direction switch
        {
            SyncDirection.AToB => SyncDirection.BToA,
            SyncDirection.BToA => SyncDirection.AToB,
            _ => SyncDirection.Both,
        };

        var findings = Evaluate(GitHub(github), Redmine(), Map("assignee", "assignee", mirrored));

        AssertFindings(expectedForB, findings);
    }

    public static TheoryData<FieldAccess, SyncDirection, bool> DefaultAccessCases => new()
    {
        { FieldAccess.SyncBothWays, SyncDirection.Both, true },
        { FieldAccess.ReadOnly, SyncDirection.BToA, true },
        { FieldAccess.ReadOnly, SyncDirection.AToB, false },
        { FieldAccess.WriteOnly, SyncDirection.AToB, true },
        { FieldAccess.WriteOnly, SyncDirection.BToA, false },
        { FieldAccess.Never, SyncDirection.AToB, false },
        { FieldAccess.Never, SyncDirection.BToA, false },
    };

    [Theory]
    [MemberData(nameof(DefaultAccessCases))]
    public void Evaluate_unlisted_field_uses_default(FieldAccess defaultAccess, SyncDirection direction, bool allowed)
    {
        var github = Policy(ToolKeys.GitHub, defaultAccess, new FieldRule("title", null, FieldAccess.SyncBothWays, DataClassification.Public));

        var findings = Evaluate(Redmine(), GitHub(github), Map("assignee", "assignee", direction));

        Assert.Equal(allowed, findings.Count == 0);
        if (!allowed)
        {
            Assert.EndsWith($"IT set fields of GitHub without a rule of their own to {PolicyRules.Phrase(defaultAccess)}.", findings[0].Message);
        }
    }

    [Fact]
    public void Evaluate_deny_by_default_allows_listed_field()
    {
        var github = Policy(ToolKeys.GitHub, FieldAccess.Never, new FieldRule("title", null, FieldAccess.SyncBothWays, DataClassification.Public));

        var findings = Evaluate(Redmine(), GitHub(github), Map("title", "title", SyncDirection.Both));

        Assert.Empty(findings);
    }

    [Theory]
    [InlineData(FieldAccess.SyncBothWays, true)]
    [InlineData(FieldAccess.Never, false)]
    public void Evaluate_rule_without_access_follows_default(FieldAccess defaultAccess, bool allowed)
    {
        var github = Policy(ToolKeys.GitHub, defaultAccess, new FieldRule("assignee", null, null, DataClassification.PersonalData));

        var findings = Evaluate(Redmine(), GitHub(github), Map("assignee", "assignee", SyncDirection.AToB));

        Assert.Equal(allowed, findings.Count == 0);
        Assert.Equal(DataClassification.PersonalData, github.ClassificationOf("assignee"));
    }

    [Fact]
    public void Evaluate_without_policy_allows_everything()
    {
        var findings = Evaluate(Redmine(), GitHub(null), Map("assignee", "assignee", SyncDirection.Both));

        Assert.Empty(findings);
    }

    /// <summary>
    /// Redmine has an all-types rule (sync both ways) and a rule for the "Security" tracker (never);
    /// the item types the flow touches decide which apply.
    /// </summary>
    public static TheoryData<string[]?, bool> ItemTypeCases => new()
    {
        { null, false },
        { new[] { "Security" }, false },
        { new[] { "security" }, false },
        { new[] { "Bug" }, true },
        { new[] { "Bug", "Feature" }, true },
        { new[] { "Bug", "Security" }, false },
    };

    [Theory]
    [MemberData(nameof(ItemTypeCases))]
    public void Evaluate_item_type_rules(string[]? itemTypes, bool allowed)
    {
        var redmine = Policy(
            ToolKeys.Redmine,
            FieldAccess.SyncBothWays,
            new FieldRule("assignee", null, FieldAccess.SyncBothWays, DataClassification.PersonalData),
            new FieldRule("assignee", "Security", FieldAccess.Never, DataClassification.PersonalData));

        var findings = Evaluate(Redmine(redmine, itemTypes: itemTypes), GitHub(null), Map("assignee", "assignee", SyncDirection.AToB));

        Assert.Equal(allowed, findings.Count == 0);
        if (!allowed)
        {
            Assert.Equal("Redmine's field Assignee may not be read by flows; IT set it to never sync for Security items.", findings[0].Message);
        }
    }

    [Fact]
    public void Evaluate_type_rule_overrides_stricter_all_types_rule()
    {
        var github = Policy(
            ToolKeys.GitHub,
            FieldAccess.SyncBothWays,
            new FieldRule("labels", null, FieldAccess.Never, DataClassification.Internal),
            new FieldRule("labels", "Issue", FieldAccess.SyncBothWays, DataClassification.Internal));

        var issuesOnly = Evaluate(Redmine(), GitHub(github, itemTypes: ["Issue"]), Map("title", "labels", SyncDirection.AToB));
        var anyType = Evaluate(Redmine(), GitHub(github) with { ItemTypes = null }, Map("title", "labels", SyncDirection.AToB));

        Assert.Empty(issuesOnly);
        Assert.Single(anyType);
    }

    public static TheoryData<string, ItemScope?, string?> ScopeCases => new()
    {
        // The flow filters by exactly the condition IT requires: allowed.
        { "acme/web", new ItemScope(ScopeSide.B, "labels", "Sync"), null },
        // Same condition with other case and spaces: allowed.
        { "acme/web", new ItemScope(ScopeSide.B, " LABELS ", " sync "), null },
        // No filter at all widens the scope to every item: rejected.
        { "acme/web", null, "IT allows flows to sync only GitHub items labelled 'sync'; set the flow's item filter on side B to items labelled 'sync'." },
        // A filter on the other side does not limit GitHub's items: rejected.
        { "acme/web", new ItemScope(ScopeSide.A, "labels", "sync"), "IT allows flows to sync only GitHub items labelled 'sync'; set the flow's item filter on side B to items labelled 'sync'." },
        // A filter with another label is not the required one: rejected.
        { "acme/web", new ItemScope(ScopeSide.B, "labels", "public"), "IT allows flows to sync only GitHub items labelled 'sync'; set the flow's item filter on side B to items labelled 'sync'." },
        // A repository outside the list: rejected, whatever the filter.
        { "acme/secret", new ItemScope(ScopeSide.B, "labels", "sync"), "GitHub repository 'acme/secret' is outside the ones IT allows flows to use (acme/web, acme/api); choose one of them." },
    };

    [Theory]
    [MemberData(nameof(ScopeCases))]
    public void Evaluate_flow_filter_narrows_but_never_widens(string container, ItemScope? flowScope, string? expected)
    {
        var github = Policy(ToolKeys.GitHub, FieldAccess.SyncBothWays);
        github.SetScope(new ItemScopePolicy(["acme/web", "acme/api"], new ScopeRule("labels", "sync"), []), At, "ivan");

        var findings = PolicyRules.Evaluate(Redmine(), GitHub(github, container: container), Map("title", "title", SyncDirection.Both), flowScope);

        AssertFindings(expected, findings);
    }

    [Fact]
    public void Evaluate_filter_selecting_excluded_items_is_rejected()
    {
        var github = Policy(ToolKeys.GitHub, FieldAccess.SyncBothWays);
        github.SetScope(new ItemScopePolicy([], null, [new ScopeRule("labels", "security")]), At, "ivan");

        var selecting = PolicyRules.Evaluate(Redmine(), GitHub(github), Map("title", "title", SyncDirection.Both), new ItemScope(ScopeSide.B, "labels", "Security"));
        var narrowing = PolicyRules.Evaluate(Redmine(), GitHub(github), Map("title", "title", SyncDirection.Both), new ItemScope(ScopeSide.B, "labels", "support"));

        Assert.Equal("The flow's item filter selects GitHub items labelled 'security', which IT never allows flows to sync.", Assert.Single(selecting).Message);
        Assert.Empty(narrowing);
    }

    [Fact]
    public void Evaluate_request_skips_container_and_filter_rules()
    {
        var github = Policy(ToolKeys.GitHub, FieldAccess.SyncBothWays);
        github.SetScope(new ItemScopePolicy(["acme/web"], new ScopeRule("labels", "sync"), []), At, "ivan");

        var findings = Evaluate(Redmine(container: null), GitHub(github, container: null), Map("title", "title", SyncDirection.Both));

        Assert.Empty(findings);
    }

    public static TheoryData<ToolStatus?, string?, string?> ToolStatusCases => new()
    {
        { ToolStatus.Approved, null, null },
        { ToolStatus.Blocked, "Data residency review.", "GitHub is blocked in the tool catalog (Data residency review); flows may not connect to it." },
        { ToolStatus.UnderReview, null, "GitHub is still under review in the tool catalog; flows may connect to it once IT approves it." },
        { null, null, "GitHub is not in the tool catalog; IT must add and approve it before flows may connect to it." },
    };

    [Theory]
    [MemberData(nameof(ToolStatusCases))]
    public void Evaluate_tool_status(ToolStatus? status, string? reason, string? expected)
    {
        var findings = Evaluate(Redmine(), GitHub(null, status: status, reason: reason), Map("title", "title", SyncDirection.Both));

        AssertFindings(expected, findings);
        if (expected is not null)
        {
            Assert.Equal("ToolB", findings[0].Subject);
        }
    }

    [Fact]
    public void Evaluate_names_the_mapping_at_fault()
    {
        var github = Policy(ToolKeys.GitHub, FieldAccess.SyncBothWays, new FieldRule("assignee", null, FieldAccess.ReadOnly, DataClassification.PersonalData));
        PolicyMapping[] mappings =
        [
            new("title", "title", SyncDirection.Both, "Mappings[0]"),
            new("assignee", "assignee", SyncDirection.Both, "Mappings[1]"),
        ];

        var findings = PolicyRules.Evaluate(Redmine(), GitHub(github), mappings, null);

        Assert.Equal("Mappings[1]", Assert.Single(findings).Subject);
    }

    public static TheoryData<FieldAccess, SyncDirection, SyncDirection?> AllowedDirectionCases => new()
    {
        { FieldAccess.SyncBothWays, SyncDirection.Both, SyncDirection.Both },
        { FieldAccess.ReadOnly, SyncDirection.Both, SyncDirection.BToA },
        { FieldAccess.WriteOnly, SyncDirection.Both, SyncDirection.AToB },
        { FieldAccess.Never, SyncDirection.Both, null },
        { FieldAccess.ReadOnly, SyncDirection.AToB, null },
        { FieldAccess.WriteOnly, SyncDirection.AToB, SyncDirection.AToB },
    };

    [Theory]
    [MemberData(nameof(AllowedDirectionCases))]
    public void AllowedDirection_keeps_only_permitted_ways(FieldAccess access, SyncDirection direction, SyncDirection? expected)
    {
        var github = Policy(ToolKeys.GitHub, FieldAccess.SyncBothWays, new FieldRule("status", null, access, DataClassification.Internal));

        var allowed = PolicyRules.AllowedDirection(Redmine(), GitHub(github), new PolicyMapping("title", "status", direction, "Mappings[0]"));

        Assert.Equal(expected, allowed);
    }

    [Fact]
    public void SetFieldRules_rejects_duplicate_rule()
    {
        var policy = new ToolPolicy(ToolKeys.GitHub, At);

        var error = Assert.Throws<Common.DomainException>(() => policy.SetFieldRules(
            FieldAccess.SyncBothWays,
            [
                new FieldRule("labels", "Issue", FieldAccess.ReadOnly, DataClassification.Internal),
                new FieldRule("Labels", " issue ", FieldAccess.Never, DataClassification.Internal),
            ],
            At,
            "ivan"));

        Assert.Contains("item type 'Issue'", error.Message, StringComparison.Ordinal);
        Assert.Empty(policy.FieldRules);
    }

    [Fact]
    public void ClassificationOf_takes_most_sensitive_rule()
    {
        var policy = Policy(
            ToolKeys.Redmine,
            FieldAccess.SyncBothWays,
            new FieldRule("assignee", null, FieldAccess.SyncBothWays, DataClassification.Internal),
            new FieldRule("assignee", "Incident", FieldAccess.SyncBothWays, DataClassification.PersonalData));

        Assert.Equal(DataClassification.PersonalData, policy.ClassificationOf("assignee"));
        Assert.Equal(DataClassification.Internal, policy.ClassificationOf("title"));
    }

    private static ToolPolicy Policy(string toolKey, FieldAccess defaultAccess, params FieldRule[] rules)
    {
        var policy = new ToolPolicy(toolKey, At);
        policy.SetFieldRules(defaultAccess, rules, At, "ivan");
        return policy;
    }

    private static PolicySide GitHub(
        ToolPolicy? policy,
        ToolStatus? status = ToolStatus.Approved,
        string? reason = null,
        string? container = "acme/web",
        IReadOnlyCollection<string>? itemTypes = null) =>
        new(ToolKeys.GitHub, "GitHub", status, reason, policy, container, itemTypes ?? ["Issue"], GitHubFields, ["labels"], "repository");

    private static PolicySide Redmine(ToolPolicy? policy = null, string? container = "support", IReadOnlyCollection<string>? itemTypes = null) =>
        new(ToolKeys.Redmine, "Redmine", ToolStatus.Approved, null, policy, container, itemTypes, RedmineFields, [], "project");

    private static PolicyMapping[] Map(string fieldA, string fieldB, SyncDirection direction) => [new(fieldA, fieldB, direction, "Mappings[0]")];

    private static IReadOnlyList<PolicyFinding> Evaluate(PolicySide a, PolicySide b, PolicyMapping[] mappings) =>
        PolicyRules.Evaluate(a, b, mappings, null);

    private static void AssertFindings(string? expected, IReadOnlyList<PolicyFinding> findings)
    {
        if (expected is null)
        {
            Assert.Empty(findings);
        }
        else
        {
            Assert.Equal(expected, Assert.Single(findings).Message);
        }
    }
}
