namespace IntegrationPortal.Domain.Flows;

/// <summary>
/// Which items of one side a flow may create counterparts for: those whose field <see cref="Field"/>
/// contains <see cref="Value"/>. For a labels field the value must be one of the labels; for any
/// other field the whole value must match. Both comparisons ignore case and surrounding spaces.
/// Items of the other side are not filtered, and a linked item that leaves the scope stays linked.
/// </summary>
public sealed record ItemScope(ScopeSide Side, string Field, string Value)
{
    public const int MaxValueLength = 200;
}

/// <summary>The side whose items an <see cref="ItemScope"/> filters.</summary>
public enum ScopeSide
{
    A,
    B,
}
