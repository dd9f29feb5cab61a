using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Sync.Engine;

/// <summary>One of the two sides of a flow, used to address links, mappings and items by side.</summary>
internal enum Side
{
    A,
    B,
}

internal static class SideExtensions
{
    public static Side Other(this Side side) => side == Side.A ? Side.B : Side.A;

    public static string Name(this Side side) => side == Side.A ? "A" : "B";

    public static string? ItemIdOn(this ItemLink link, Side side) => side == Side.A ? link.ItemIdA : link.ItemIdB;

    public static void SetItemId(this ItemLink link, Side side, string itemId)
    {
        if (side == Side.A)
        {
            link.ItemIdA = itemId;
        }
        else
        {
            link.ItemIdB = itemId;
        }
    }

    public static Dictionary<string, string?> BaseOn(this ItemLink link, Side side) => side == Side.A ? link.BaseA : link.BaseB;

    public static void SetBase(this ItemLink link, Side side, Dictionary<string, string?> values)
    {
        if (side == Side.A)
        {
            link.BaseA = values;
        }
        else
        {
            link.BaseB = values;
        }
    }

    public static string FieldOn(this FieldMapping mapping, Side side) => side == Side.A ? mapping.FieldA : mapping.FieldB;

    public static bool CopiesToward(this FieldMapping mapping, Side target) =>
        target == Side.B ? mapping.CopiesAToB : mapping.CopiesBToA;

    public static Translation TranslateToward(this FieldMapping mapping, Side target, string? value) =>
        target == Side.B ? ValueMapTranslator.ToB(mapping, value) : ValueMapTranslator.ToA(mapping, value);
}
