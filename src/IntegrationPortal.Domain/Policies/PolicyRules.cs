using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Domain.Policies;

/// <summary>
/// Judges a flow or a request against the tools' catalog status, field policies and item scope
/// policies. Pure: the caller loads the tools and policies, so the same rules run when a request is
/// submitted, when a flow is saved, before each run and in the impact preview.
/// </summary>
public static class PolicyRules
{
    /// <summary>Returns every rule the subject breaks, in the order of side A, side B, mappings, scope.</summary>
    public static IReadOnlyList<PolicyFinding> Evaluate(
        PolicySide sideA, PolicySide sideB, IReadOnlyList<PolicyMapping> mappings, ItemScope? flowScope)
    {
        ArgumentNullException.ThrowIfNull(sideA);
        ArgumentNullException.ThrowIfNull(sideB);
        ArgumentNullException.ThrowIfNull(mappings);

        var findings = new List<PolicyFinding>();
        CheckTool(sideA, "ToolA", findings);
        CheckTool(sideB, "ToolB", findings);
        CheckContainer(sideA, "ContainerA", findings);
        CheckContainer(sideB, "ContainerB", findings);
        foreach (var mapping in mappings)
        {
            CheckMapping(sideA, sideB, mapping, findings);
        }

        CheckScope(sideA, ScopeSide.A, flowScope, findings);
        CheckScope(sideB, ScopeSide.B, flowScope, findings);
        return findings;
    }

    /// <summary>
    /// Returns the direction of the mapping that the field policies allow, or null when they allow
    /// no direction at all. A run hands the engine only what this allows.
    /// </summary>
    public static SyncDirection? AllowedDirection(PolicySide sideA, PolicySide sideB, PolicyMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);

        var aToB = (mapping.Direction is SyncDirection.AToB or SyncDirection.Both)
            && Blocking(sideA, mapping.FieldA, FieldAccessUse.Read) is null
            && Blocking(sideB, mapping.FieldB, FieldAccessUse.Write) is null;
        var bToA = (mapping.Direction is SyncDirection.BToA or SyncDirection.Both)
            && Blocking(sideB, mapping.FieldB, FieldAccessUse.Read) is null
            && Blocking(sideA, mapping.FieldA, FieldAccessUse.Write) is null;
        return (aToB, bToA) switch
        {
            (true, true) => SyncDirection.Both,
            (true, false) => SyncDirection.AToB,
            (false, true) => SyncDirection.BToA,
            _ => null,
        };
    }

    private static void CheckTool(PolicySide side, string subject, List<PolicyFinding> findings)
    {
        var message = side.Status switch
        {
            null => $"{side.ToolName} is not in the tool catalog; IT must add and approve it before flows may connect to it.",
            ToolStatus.Blocked => $"{side.ToolName} is blocked in the tool catalog{ReasonSuffix(side.StatusReason)}; flows may not connect to it.",
            ToolStatus.UnderReview => $"{side.ToolName} is still under review in the tool catalog; flows may connect to it once IT approves it.",
            _ => null,
        };
        if (message is not null)
        {
            findings.Add(new PolicyFinding(message, subject));
        }
    }

    private static void CheckContainer(PolicySide side, string subject, List<PolicyFinding> findings)
    {
        var scope = side.Policy?.Scope;
        if (side.Container is null || scope is null || scope.AllowsContainer(side.Container))
        {
            return;
        }

        var allowed = string.Join(", ", scope.AllowedContainers);
        findings.Add(new PolicyFinding(
            $"{side.ToolName} {side.ContainerNoun} '{side.Container}' is outside the ones IT allows flows to use ({allowed}); choose one of them.",
            subject));
    }

    private static void CheckMapping(PolicySide sideA, PolicySide sideB, PolicyMapping mapping, List<PolicyFinding> findings)
    {
        var copiesAToB = mapping.Direction is SyncDirection.AToB or SyncDirection.Both;
        var copiesBToA = mapping.Direction is SyncDirection.BToA or SyncDirection.Both;
        CheckField(sideA, mapping.FieldA, read: copiesAToB, write: copiesBToA, mapping.Subject, findings);
        CheckField(sideB, mapping.FieldB, read: copiesBToA, write: copiesAToB, mapping.Subject, findings);
    }

    private static void CheckField(PolicySide side, string field, bool read, bool write, string subject, List<PolicyFinding> findings)
    {
        var readBlock = read ? Blocking(side, field, FieldAccessUse.Read) : null;
        var writeBlock = write ? Blocking(side, field, FieldAccessUse.Write) : null;
        if (readBlock is null && writeBlock is null)
        {
            return;
        }

        var verbs = (readBlock, writeBlock) switch
        {
            (not null, not null) => "read or written",
            (not null, null) => "read",
            _ => "written",
        };
        var cause = readBlock ?? writeBlock!;
        var name = side.FieldNames.GetValueOrDefault(field, field);
        findings.Add(new PolicyFinding($"{side.ToolName}'s field {name} may not be {verbs} by flows{cause.Describe(side)}", subject));
    }

    private static Block? Blocking(PolicySide side, string field, FieldAccessUse use)
    {
        if (side.Policy is null)
        {
            return null;
        }

        foreach (var rule in side.Policy.RulesFor(field, side.ItemTypes))
        {
            var access = rule?.Access ?? side.Policy.DefaultAccess;
            if (!Allows(access, use))
            {
                return new Block(access, rule?.Access is null ? null : rule);
            }
        }

        return null;
    }

    private static bool Allows(FieldAccess access, FieldAccessUse use) => (access, use) switch
    {
        (FieldAccess.SyncBothWays, _) => true,
        (FieldAccess.ReadOnly, FieldAccessUse.Read) => true,
        (FieldAccess.WriteOnly, FieldAccessUse.Write) => true,
        _ => false,
    };

    private static void CheckScope(PolicySide side, ScopeSide scopeSide, ItemScope? flowScope, List<PolicyFinding> findings)
    {
        var policy = side.Policy?.Scope;
        if (policy is null || side.Container is null)
        {
            return;
        }

        var filter = flowScope is not null && flowScope.Side == scopeSide ? flowScope : null;
        if (policy.Required is { } required && (filter is null || !required.SameAs(filter.Field, filter.Value)))
        {
            var condition = DescribeCondition(side, required);
            findings.Add(new PolicyFinding(
                $"IT allows flows to sync only {side.ToolName} items {condition}; set the flow's item filter on side {scopeSide} to items {condition}.",
                "Scope"));
        }

        if (filter is not null && policy.Excluded.FirstOrDefault(e => e.SameAs(filter.Field, filter.Value)) is { } excluded)
        {
            findings.Add(new PolicyFinding(
                $"The flow's item filter selects {side.ToolName} items {DescribeCondition(side, excluded)}, which IT never allows flows to sync.",
                "Scope"));
        }
    }

    private static string DescribeCondition(PolicySide side, ScopeRule rule)
    {
        if (side.LabelFields.Contains(rule.Field, StringComparer.OrdinalIgnoreCase))
        {
            return $"labelled '{rule.Value}'";
        }

        return $"whose {side.FieldNames.GetValueOrDefault(rule.Field, rule.Field)} is '{rule.Value}'";
    }

    private static string ReasonSuffix(string? reason) => string.IsNullOrWhiteSpace(reason) ? string.Empty : $" ({reason.Trim().TrimEnd('.')})";

    private enum FieldAccessUse
    {
        Read,
        Write,
    }

    /// <summary>The access that blocks a use, and the rule it comes from, or null when it is the tool's default.</summary>
    private sealed record Block(FieldAccess Access, FieldRule? Rule)
    {
        public string Describe(PolicySide side)
        {
            var access = Phrase(Access);
            if (Rule is null)
            {
                return $"; IT set fields of {side.ToolName} without a rule of their own to {access}.";
            }

            return Rule.ItemType is null
                ? $"; IT set it to {access}."
                : $"; IT set it to {access} for {Rule.ItemType} items.";
        }
    }

    /// <summary>Returns the access as the policy editor names it.</summary>
    public static string Phrase(FieldAccess access) => access switch
    {
        FieldAccess.SyncBothWays => "sync both ways",
        FieldAccess.ReadOnly => "read only",
        FieldAccess.WriteOnly => "write only",
        _ => "never sync",
    };
}
