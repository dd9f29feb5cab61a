namespace IntegrationPortal.Domain.Policies;

/// <summary>
/// A condition on items of one tool: field <see cref="Field"/> contains <see cref="Value"/>. For a
/// labels field the value must be one of the labels; for any other field the whole value must
/// match. Both comparisons ignore case and surrounding spaces, as a flow's item filter does.
/// </summary>
public sealed record ScopeRule(string Field, string Value)
{
    public const int MaxValueLength = 200;

    /// <summary>Returns true when both rules name the same field and value, ignoring case and spaces.</summary>
    public bool SameAs(string field, string value) =>
        string.Equals(Field.Trim(), field.Trim(), StringComparison.OrdinalIgnoreCase)
        && string.Equals(Value.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase);
}
