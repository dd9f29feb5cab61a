namespace IntegrationPortal.Domain.Identity;

/// <summary>Role names stored with ASP.NET Core Identity and checked on every page and action.</summary>
public static class Roles
{
    public const string Requester = "Requester";
    public const string ItAdmin = "ItAdmin";
    public const string Auditor = "Auditor";

    public static IReadOnlyList<string> All { get; } = [Requester, ItAdmin, Auditor];

    public static string DisplayName(string role) => role switch
    {
        ItAdmin => "IT admin",
        _ => role,
    };
}
