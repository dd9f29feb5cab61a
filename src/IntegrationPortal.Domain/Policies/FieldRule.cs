namespace IntegrationPortal.Domain.Policies;

/// <summary>
/// IT's rule for one field of a tool: what flows may do with it and how sensitive its data is.
/// A null <see cref="Access"/> follows the tool's default access. <see cref="ItemType"/> limits the rule to one item type (a Redmine tracker, a GitHub issue or
/// pull request); null applies it to every type that has no rule of its own for the field.
/// </summary>
public sealed record FieldRule(string Field, string? ItemType, FieldAccess? Access, DataClassification Classification)
{
    public const int MaxFieldLength = 100;
    public const int MaxItemTypeLength = 100;
}
