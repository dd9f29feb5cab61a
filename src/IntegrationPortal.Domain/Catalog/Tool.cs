using IntegrationPortal.Domain.Common;

namespace IntegrationPortal.Domain.Catalog;

/// <summary>A tool of the catalog and IT's decision on whether flows may connect to it.</summary>
public sealed class Tool
{
    public const int MaxReasonLength = 1000;

    private Tool()
    {
        Key = string.Empty;
        Name = string.Empty;
    }

    public Tool(string key, string name, ToolStatus status, DateTimeOffset at)
    {
        Key = key;
        Name = name;
        Status = status;
        ChangedAt = at;
    }

    public string Key { get; private set; }

    public string Name { get; private set; }

    public ToolStatus Status { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public void ChangeStatus(ToolStatus status, string? reason, DateTimeOffset at)
    {
        if (status == ToolStatus.Blocked && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("A reason is required to block a tool.");
        }

        Status = status;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        ChangedAt = at;
    }
}
