namespace IntegrationPortal.Connectors.Redmine;

// Shapes of the Redmine 5 REST responses the connector reads, deserialized with snake_case names.
// Only the members the connector uses are declared.

internal sealed record RedmineNamedRef(int Id, string Name);

internal sealed record RedmineIssue(
    int Id,
    RedmineNamedRef? Project,
    RedmineNamedRef? Tracker,
    RedmineNamedRef? Status,
    RedmineNamedRef? Priority,
    string? Subject,
    string? Description,
    DateTimeOffset UpdatedOn,
    string? StartDate = null,
    string? DueDate = null,
    RedmineNamedRef? AssignedTo = null);

internal sealed record RedmineIssueEnvelope(RedmineIssue Issue);

internal sealed record RedmineIssuePage(IReadOnlyList<RedmineIssue> Issues, int TotalCount);

internal sealed record RedmineProject(int Id, string Name, string Identifier);

internal sealed record RedmineProjectPage(IReadOnlyList<RedmineProject> Projects, int TotalCount);

internal sealed record RedmineStatusList(IReadOnlyList<RedmineNamedRef> IssueStatuses);

internal sealed record RedmineStatus(int Id, string Name, bool IsClosed);

internal sealed record RedmineClosedStatusList(IReadOnlyList<RedmineStatus> IssueStatuses);

internal sealed record RedmineTrackerList(IReadOnlyList<RedmineNamedRef> Trackers);

internal sealed record RedminePriorityList(IReadOnlyList<RedmineNamedRef> IssuePriorities);

internal sealed record RedmineUser(int Id, string? Login, string? Mail = null);

internal sealed record RedmineUserPage(IReadOnlyList<RedmineUser> Users, int TotalCount);

internal sealed record RedmineUserEnvelope(RedmineUser User);

internal sealed record RedmineErrorList(IReadOnlyList<string> Errors);
