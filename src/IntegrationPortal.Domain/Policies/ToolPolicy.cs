using IntegrationPortal.Domain.Common;

namespace IntegrationPortal.Domain.Policies;

/// <summary>
/// IT's policies for one tool: a rule per listed field, the access of fields without a rule, and
/// the item scope. A tool without a stored policy lets flows sync every field of every item.
/// </summary>
public sealed class ToolPolicy
{
    public const int MaxFieldRules = 200;

    private List<FieldRule> _fieldRules = [];

    private ToolPolicy()
    {
        ToolKey = string.Empty;
        Scope = ItemScopePolicy.Unrestricted;
    }

    public ToolPolicy(string toolKey, DateTimeOffset at)
    {
        ToolKey = toolKey;
        DefaultAccess = FieldAccess.SyncBothWays;
        Scope = ItemScopePolicy.Unrestricted;
        ChangedAt = at;
    }

    public string ToolKey { get; private set; }

    /// <summary>The access of every field that has no rule for the item type; <see cref="FieldAccess.Never"/> denies by default.</summary>
    public FieldAccess DefaultAccess { get; private set; }

    public IReadOnlyList<FieldRule> FieldRules
    {
        get => _fieldRules;
        private set => _fieldRules = [.. value];
    }

    public ItemScopePolicy Scope { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>The name of the IT admin who made the latest change, or null before the first.</summary>
    public string? ChangedBy { get; private set; }

    /// <summary>Replaces the field rules and the default access. Two rules for one field and item type are rejected.</summary>
    public void SetFieldRules(FieldAccess defaultAccess, IEnumerable<FieldRule> rules, DateTimeOffset at, string changedBy)
    {
        var list = rules.Select(Normalize).ToList();
        if (list.Count > MaxFieldRules)
        {
            throw new DomainException($"A tool can have at most {MaxFieldRules} field rules; remove some before saving.");
        }

        var duplicate = list
            .GroupBy(r => (Field: r.Field.ToUpperInvariant(), Type: r.ItemType?.ToUpperInvariant()))
            .FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var first = duplicate.First();
            throw new DomainException(
                $"The field '{first.Field}' has two rules for {(first.ItemType is null ? "all item types" : $"item type '{first.ItemType}'")}; keep one.");
        }

        DefaultAccess = defaultAccess;
        _fieldRules = list;
        ChangedAt = at;
        ChangedBy = changedBy;
    }

    public void SetScope(ItemScopePolicy scope, DateTimeOffset at, string changedBy)
    {
        Scope = scope;
        ChangedAt = at;
        ChangedBy = changedBy;
    }

    /// <summary>
    /// Returns the rules that decide a field for the given item types, with null standing for the
    /// default access. A type-specific rule replaces the all-types rule for items of that type.
    /// With <paramref name="itemTypes"/> null (the flow may touch any type) the all-types rule and
    /// every type-specific rule apply, because each of them governs some of the items.
    /// </summary>
    public IReadOnlyList<FieldRule?> RulesFor(string field, IReadOnlyCollection<string>? itemTypes)
    {
        var forField = _fieldRules.Where(r => string.Equals(r.Field, field, StringComparison.OrdinalIgnoreCase)).ToList();
        var allTypes = forField.FirstOrDefault(r => r.ItemType is null);
        if (itemTypes is null)
        {
            return [allTypes, .. forField.Where(r => r.ItemType is not null)];
        }

        return [.. itemTypes
            .Select(type => forField.FirstOrDefault(r => string.Equals(r.ItemType, type, StringComparison.OrdinalIgnoreCase)) ?? allTypes)
            .Distinct()];
    }

    /// <summary>Returns the most sensitive classification of the field across its rules; a field without a rule is internal.</summary>
    public DataClassification ClassificationOf(string field) =>
        _fieldRules
            .Where(r => string.Equals(r.Field, field, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Classification)
            .DefaultIfEmpty(DataClassification.Internal)
            .Max();

    private static FieldRule Normalize(FieldRule rule) =>
        rule with { Field = rule.Field.Trim(), ItemType = string.IsNullOrWhiteSpace(rule.ItemType) ? null : rule.ItemType.Trim() };
}
