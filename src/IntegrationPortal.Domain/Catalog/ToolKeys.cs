namespace IntegrationPortal.Domain.Catalog;

/// <summary>Keys of the tools that have a connector; they name tools in URLs, rows and audit events.</summary>
public static class ToolKeys
{
    public const string Redmine = "redmine";
    public const string GitHub = "github";
}
