using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationPortal.Connectors.CreateTokens;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Values;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Connectors.Redmine;

/// <summary>
/// A client for the Redmine REST API (tested against Redmine 5.0). A container is a project,
/// identified by its project identifier, and an item is an issue, identified by its numeric id.
/// The API key is sent in the X-Redmine-API-Key header only.
/// </summary>
public sealed partial class RedmineConnector(HttpClient http, Uri baseUrl, string apiKey, ILogger<RedmineConnector> logger)
    : IConnector
{
    /// <summary>Maximum page size that Redmine 5 honours for <c>limit</c>; a larger limit gets pages of 100.</summary>
    private const int MaxPageSize = 100;

    /// <summary>Largest <c>limit</c> the tests may request, to make Redmine return pages shorter than requested.</summary>
    private const int MaxRequestedPageSize = 1000;

    private IReadOnlyList<RedmineNamedRef>? statuses;
    private IReadOnlyList<RedmineNamedRef>? trackers;
    private IReadOnlyList<RedmineNamedRef>? priorities;

    /// <summary>
    /// The fields of a Redmine issue. The choice fields carry no allowed values because those
    /// are configured per Redmine instance and need a call to read.
    /// </summary>
    public static IReadOnlyList<FieldDescriptor> StaticFields { get; } =
    [
        new(RedmineIssueMapper.TitleKey, "Title", FieldKind.Text),
        new(RedmineIssueMapper.DescriptionKey, "Description", FieldKind.RichText),
        new(RedmineIssueMapper.StatusKey, "Status", FieldKind.Choice),
        new(RedmineIssueMapper.TrackerKey, "Tracker", FieldKind.Choice),
        new(RedmineIssueMapper.PriorityKey, "Priority", FieldKind.Choice),
        new(RedmineIssueMapper.StartDateKey, "Start date", FieldKind.Date),
        new(RedmineIssueMapper.DueDateKey, "Due date", FieldKind.Date),
        new(RedmineIssueMapper.AssigneeKey, "Assignee", FieldKind.User),
    ];

    public IReadOnlyList<FieldDescriptor> Fields => StaticFields;

    /// <summary>
    /// The markup of descriptions, which is the Redmine instance's "Text formatting" setting (Textile
    /// unless an administrator changed it). The REST API does not return the setting, so it is configured.
    /// </summary>
    public RichTextFormat TextFormat
    {
        get;
        init
        {
            if (value is not (RichTextFormat.RedmineTextile or RichTextFormat.RedmineMarkdown))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Redmine stores text as Textile or Markdown.");
            }

            field = value;
        }
    } = RichTextFormat.RedmineTextile;

    /// <summary>
    /// Number of issues or projects requested per page. Redmine may return fewer than requested on a
    /// page that is not the last, so paging advances by the items received and stops at total_count.
    /// </summary>
    internal int PageSize
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxRequestedPageSize);
            field = value;
        }
    } = MaxPageSize;

    public async Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken)
    {
        // /users/current.json is used because a wrong key on other endpoints is treated as
        // anonymous access and still returns 200.
        try
        {
            var envelope = await GetJsonAsync<RedmineUserEnvelope>("users/current.json", cancellationToken);
            return new ConnectionTestResult(true, $"Connected as {envelope.User.Login}.");
        }
        catch (ConnectorException ex) when (ex.StatusCode == 401)
        {
            return new ConnectionTestResult(
                false,
                $"Redmine at {BaseUrlText} rejected the API key (HTTP 401). Check the key, and check that "
                + "the REST API is enabled under Administration > Settings > API.");
        }
        catch (ConnectorException ex)
        {
            return new ConnectionTestResult(false, ex.Message);
        }
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(CancellationToken cancellationToken)
    {
        var containers = new List<ContainerInfo>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var offset = 0;
        while (true)
        {
            var page = await GetJsonAsync<RedmineProjectPage>(
                $"projects.json?limit={PageSize}&offset={offset}", cancellationToken);
            foreach (var project in page.Projects)
            {
                if (seen.Add(project.Identifier))
                {
                    containers.Add(new ContainerInfo(project.Identifier, project.Name));
                }
            }

            offset += page.Projects.Count;
            if (page.Projects.Count == 0 || offset >= page.TotalCount)
            {
                return containers;
            }
        }
    }

    public async Task<IReadOnlyList<SyncItem>> ReadChangedAsync(
        string container,
        DateTimeOffset? since,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);

        // Sorting by update time and then id keeps the order stable between pages.
        // NOTE: an issue updated while the pages are read moves to the end of the order, which
        // shifts later issues to lower offsets, so one issue per such update can be missed
        // until the next read.
        var query = $"issues.json?project_id={Uri.EscapeDataString(container)}&subproject_id=!*&status_id=*"
            + $"&sort=updated_on,id&limit={PageSize}";
        if (since is { } sinceValue)
        {
            query += "&updated_on=%3E%3D" + FormatFilterTime(sinceValue);
        }

        var items = new List<SyncItem>();
        var seen = new HashSet<int>();
        var offset = 0;
        while (true)
        {
            var page = await GetJsonAsync<RedmineIssuePage>($"{query}&offset={offset}", cancellationToken);
            items.AddRange(await ToSyncItemsAsync(page.Issues.Where(issue => seen.Add(issue.Id)), cancellationToken));

            offset += page.Issues.Count;
            if (page.Issues.Count == 0 || offset >= page.TotalCount)
            {
                logger.LogDebug(
                    "Read {Count} changed Redmine issues of project {Project} since {Since}",
                    items.Count,
                    container,
                    since);
                return items;
            }
        }
    }

    public async Task<SyncItem?> GetAsync(string container, string itemId, CancellationToken cancellationToken)
    {
        var id = ParseIssueId(itemId);
        var envelope = await GetJsonOrNullAsync<RedmineIssueEnvelope>($"issues/{id}.json", cancellationToken);
        return envelope is null ? null : (await ToSyncItemsAsync([envelope.Issue], cancellationToken))[0];
    }

    /// <summary>
    /// Creates an issue. The create token goes into an HTML comment at the end of the description,
    /// which Redmine's Textile and CommonMark formatters do not render.
    /// </summary>
    public async Task<SyncItem> CreateAsync(
        string container,
        IReadOnlyDictionary<string, string?> fields,
        string? createToken,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        ArgumentNullException.ThrowIfNull(fields);

        var issue = await BuildIssuePayloadAsync(fields, cancellationToken);
        issue["project_id"] = container;
        if (createToken is not null)
        {
            var description = (string?)issue["description"];
            issue["description"] = CreateTokenMarker.Append(string.IsNullOrEmpty(description) ? null : description, createToken, "POST /issues.json");
        }

        var body = new JsonObject { ["issue"] = issue };

        var envelope = await SendJsonAsync<RedmineIssueEnvelope>(HttpMethod.Post, "issues.json", body, cancellationToken);
        var created = envelope.Issue;
        logger.LogInformation("Created Redmine issue {IssueId} in project {Project}", created.Id, container);

        // Redmine ignores a status on create unless a workflow allows it for a new issue, so the
        // status is set with a second request, as an edit would.
        if (issue["status_id"] is JsonNode statusNode && created.Status?.Id != statusNode.GetValue<int>())
        {
            var statusBody = new JsonObject { ["issue"] = new JsonObject { ["status_id"] = statusNode.GetValue<int>() } };
            await SendAsync(HttpMethod.Put, $"issues/{created.Id}.json", statusBody, cancellationToken);
            created = await ReadIssueWithStatusAsync(created.Id, fields[RedmineIssueMapper.StatusKey], cancellationToken);
        }

        return (await ToSyncItemsAsync([created], cancellationToken))[0];
    }

    /// <summary>
    /// Writes the given fields with PUT, unconditionally: <paramref name="expectedVersion"/> is ignored
    /// and the items this connector reads carry no version. Redmine 5 ignores If-Match on this PUT,
    /// and its issue JSON does not include the lock_version that its web forms send for conflict checks.
    /// </summary>
    public async Task UpdateAsync(
        string container,
        string itemId,
        IReadOnlyDictionary<string, string?> fields,
        string? expectedVersion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var id = ParseIssueId(itemId);

        var issue = await BuildIssuePayloadAsync(fields, cancellationToken);
        if (issue.Count == 0)
        {
            return;
        }

        var body = new JsonObject { ["issue"] = issue };
        await SendAsync(HttpMethod.Put, $"issues/{id}.json", body, cancellationToken);
        if (fields.TryGetValue(RedmineIssueMapper.StatusKey, out var status))
        {
            await ReadIssueWithStatusAsync(id, status, cancellationToken);
        }

        logger.LogInformation(
            "Updated Redmine issue {IssueId} in project {Project}: {FieldKeys}",
            id,
            container,
            string.Join(", ", fields.Keys));
    }

    /// <summary>
    /// Closes an issue by setting the first status that Redmine marks as closed (is_closed), in the
    /// order of issue_statuses.json. An issue that no longer exists is left as it is.
    /// </summary>
    public async Task CloseAsync(string container, string itemId, CancellationToken cancellationToken)
    {
        var id = ParseIssueId(itemId);
        var statusList = await GetJsonAsync<RedmineClosedStatusList>("issue_statuses.json", cancellationToken);
        var closed = statusList.IssueStatuses.FirstOrDefault(status => status.IsClosed)
            ?? throw new ConnectorException(
                $"Redmine issue {id} could not be closed, because no issue status is marked as closed. "
                + "Mark one as closed in Administration > Issue statuses.");

        var current = await GetJsonOrNullAsync<RedmineIssueEnvelope>($"issues/{id}.json", cancellationToken);
        if (current is null || current.Issue.Status?.Id == closed.Id)
        {
            return;
        }

        var body = new JsonObject { ["issue"] = new JsonObject { ["status_id"] = closed.Id } };
        await SendAsync(HttpMethod.Put, $"issues/{id}.json", body, cancellationToken);
        await ReadIssueWithStatusAsync(id, closed.Name, cancellationToken);
        logger.LogInformation("Closed Redmine issue {IssueId} in project {Project}", id, container);
    }

    /// <summary>
    /// Reads an issue back after a status change and throws when Redmine kept another status.
    /// Redmine returns success for a status change that its workflow does not allow, and leaves
    /// the status as it was.
    /// </summary>
    private async Task<RedmineIssue> ReadIssueWithStatusAsync(int id, string? expectedStatus, CancellationToken cancellationToken)
    {
        var issue = (await GetJsonAsync<RedmineIssueEnvelope>($"issues/{id}.json", cancellationToken)).Issue;
        if (string.Equals(issue.Status?.Name, expectedStatus, StringComparison.OrdinalIgnoreCase))
        {
            return issue;
        }

        throw new ConnectorException(
            $"Redmine kept issue {id} in status '{issue.Status?.Name}' instead of '{expectedStatus}'. "
            + "The workflow of its tracker does not allow this change for the API key's user; "
            + "check Administration > Workflow.");
    }

    /// <summary>
    /// Formats a filter time the only way Redmine's <c>updated_on</c> filter accepts it: whole
    /// seconds in UTC with a Z suffix, because fractions or offsets get HTTP 422. Truncating
    /// widens the range to the start of the second, so no change made in that second is lost.
    /// </summary>
    internal static string FormatFilterTime(DateTimeOffset since)
    {
        var utc = since.ToUniversalTime();
        var wholeSecond = new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return wholeSecond.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static int ParseIssueId(string itemId)
    {
        if (int.TryParse(itemId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        throw new ConnectorException($"'{itemId}' is not a valid Redmine issue id. Expected a positive number.");
    }

    /// <summary>
    /// Builds the "issue" object of a create or update request from canonical fields, resolving
    /// status, tracker and priority names to ids. Only the given fields are included.
    /// </summary>
    private async Task<JsonObject> BuildIssuePayloadAsync(
        IReadOnlyDictionary<string, string?> fields,
        CancellationToken cancellationToken)
    {
        var issue = new JsonObject();
        foreach (var (key, value) in fields)
        {
            switch (key)
            {
                case RedmineIssueMapper.TitleKey:
                    issue["subject"] = value;
                    break;
                case RedmineIssueMapper.DescriptionKey:
                    issue["description"] = RedmineIssueMapper.ToDescription(value, TextFormat);
                    break;
                case RedmineIssueMapper.AssigneeKey:
                    issue["assigned_to_id"] = await ResolveAssigneeAsync(value, cancellationToken);
                    break;
                case RedmineIssueMapper.StartDateKey or RedmineIssueMapper.DueDateKey:
                    issue[key] = RedmineIssueMapper.ToDate(key, value);
                    break;
                case RedmineIssueMapper.StatusKey:
                    issue["status_id"] = await ResolveChoiceAsync(key, value, cancellationToken);
                    break;
                case RedmineIssueMapper.TrackerKey:
                    issue["tracker_id"] = await ResolveChoiceAsync(key, value, cancellationToken);
                    break;
                case RedmineIssueMapper.PriorityKey:
                    issue["priority_id"] = await ResolveChoiceAsync(key, value, cancellationToken);
                    break;
                default:
                    throw new ConnectorException(
                        $"Redmine has no field '{key}'. Known fields: {string.Join(", ", StaticFields.Select(f => f.Key))}.");
            }
        }

        return issue;
    }

    /// <summary>
    /// Resolves a status, tracker or priority name to its id. The check is needed here because
    /// Redmine 5 accepts an unknown status id with HTTP 204 and silently ignores it.
    /// </summary>
    private async Task<int> ResolveChoiceAsync(string fieldKey, string? name, CancellationToken cancellationToken)
    {
        var choices = fieldKey switch
        {
            RedmineIssueMapper.StatusKey => statuses ??=
                (await GetJsonAsync<RedmineStatusList>("issue_statuses.json", cancellationToken)).IssueStatuses,
            RedmineIssueMapper.TrackerKey => trackers ??=
                (await GetJsonAsync<RedmineTrackerList>("trackers.json", cancellationToken)).Trackers,
            RedmineIssueMapper.PriorityKey => priorities ??=
                (await GetJsonAsync<RedminePriorityList>("enumerations/issue_priorities.json", cancellationToken)).IssuePriorities,
            _ => throw new ArgumentOutOfRangeException(nameof(fieldKey), fieldKey, "Not a Redmine choice field."),
        };

        var match = name is null
            ? null
            : choices.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return match.Id;
        }

        var allowed = string.Join(", ", choices.Select(c => c.Name));
        var valueText = name is null ? "an empty value" : $"'{name}'";
        throw new ConnectorException(
            $"Redmine {fieldKey} {valueText} is not valid at {BaseUrlText}. Allowed values: {allowed}.");
    }
}
