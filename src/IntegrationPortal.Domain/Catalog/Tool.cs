using System.Text.RegularExpressions;
using IntegrationPortal.Domain.Common;

namespace IntegrationPortal.Domain.Catalog;

/// <summary>A tool of the catalog and IT's decision on whether flows may connect to it.</summary>
public sealed partial class Tool
{
    public const int MaxKeyLength = 50;
    public const int MaxNameLength = 100;
    public const int MaxReasonLength = 1000;
    public const int MaxOwnerIdLength = 450;
    public const int MaxOwnerNameLength = 256;

    private Tool()
    {
        Key = string.Empty;
        Name = string.Empty;
    }

    public Tool(string key, string name, ToolStatus status, DateTimeOffset at)
    {
        if (!IsValidKey(key))
        {
            throw new DomainException($"The tool key '{key}' is invalid. Use 1 to {MaxKeyLength} lowercase letters, digits and hyphens, starting with a letter.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("A tool needs a name.");
        }

        Key = key;
        Name = name.Trim();
        Status = status;
        ChangedAt = at;
    }

    public string Key { get; private set; }

    public string Name { get; private set; }

    public ToolStatus Status { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>The Identity user id of the IT admin who is responsible for this tool, or null when no owner is assigned.</summary>
    public string? OwnerId { get; private set; }

    /// <summary>The owner's user name as it was when the owner was assigned, so lists need no user lookup.</summary>
    public string? OwnerName { get; private set; }

    /// <summary>The day by which IT means to look at this tool's decision again, or null for no planned review.</summary>
    public DateOnly? ReviewDate { get; private set; }

    /// <summary>Returns true when the key is lowercase letters, digits and hyphens, starting with a letter.</summary>
    public static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxKeyLength && KeyPattern().IsMatch(key);

    /// <summary>Returns true when a review date is set and lies before <paramref name="today"/>.</summary>
    public bool IsReviewOverdue(DateOnly today) => ReviewDate is { } date && date < today;

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

    public void Rename(string name, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("A tool needs a name.");
        }

        Name = name.Trim();
        ChangedAt = at;
    }

    /// <summary>Sets the owner in IT, or clears it when <paramref name="ownerId"/> is null.</summary>
    public void AssignOwner(string? ownerId, string? ownerName, DateTimeOffset at)
    {
        if (ownerId is not null && string.IsNullOrWhiteSpace(ownerName))
        {
            throw new DomainException("An owner needs a name to show in the catalog.");
        }

        OwnerId = ownerId;
        OwnerName = ownerId is null ? null : ownerName!.Trim();
        ChangedAt = at;
    }

    public void ScheduleReview(DateOnly? reviewDate, DateTimeOffset at)
    {
        ReviewDate = reviewDate;
        ChangedAt = at;
    }

    /// <summary>Replaces the reason of the current decision without changing the status.</summary>
    public void ExplainDecision(string? reason, DateTimeOffset at)
    {
        if (Status == ToolStatus.Blocked && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("A blocked tool must keep a reason.");
        }

        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        ChangedAt = at;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
