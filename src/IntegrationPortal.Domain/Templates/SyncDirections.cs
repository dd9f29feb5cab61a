using IntegrationPortal.Domain.Flows;

namespace IntegrationPortal.Domain.Templates;

/// <summary>Comparisons of <see cref="SyncDirection"/> values, where <see cref="SyncDirection.Both"/> contains the two one-way directions.</summary>
public static class SyncDirections
{
    /// <summary>True when a mapping or request in direction <paramref name="requested"/> stays within <paramref name="allowed"/>.</summary>
    public static bool Allows(SyncDirection allowed, SyncDirection requested) =>
        allowed == SyncDirection.Both || allowed == requested;

    /// <summary>The same direction seen with side A and side B swapped.</summary>
    public static SyncDirection Reverse(SyncDirection direction) => direction switch
    {
        SyncDirection.AToB => SyncDirection.BToA,
        SyncDirection.BToA => SyncDirection.AToB,
        _ => SyncDirection.Both,
    };

    /// <summary>The narrowest direction that allows both arguments.</summary>
    public static SyncDirection Widest(SyncDirection first, SyncDirection second) =>
        first == second ? first : SyncDirection.Both;
}
