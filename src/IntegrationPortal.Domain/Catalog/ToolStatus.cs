namespace IntegrationPortal.Domain.Catalog;

public enum ToolStatus
{
    UnderReview,
    Approved,
    Blocked,
}
