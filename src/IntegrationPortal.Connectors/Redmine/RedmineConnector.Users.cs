using System.Text.Json.Nodes;
using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Connectors.Redmine;

// Assignees: Redmine names users by id, and the canonical value is the user's e-mail address.
public sealed partial class RedmineConnector
{
    private readonly Dictionary<int, string> _userValues = [];
    private readonly Dictionary<string, int> _userIdsByMail = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Maps issues to items after reading the users they are assigned to, once per user.</summary>
    private async Task<List<SyncItem>> ToSyncItemsAsync(IEnumerable<RedmineIssue> issues, CancellationToken cancellationToken)
    {
        var list = issues.ToList();
        foreach (var assignee in list.Select(issue => issue.AssignedTo).OfType<RedmineNamedRef>())
        {
            if (!_userValues.ContainsKey(assignee.Id))
            {
                _userValues[assignee.Id] = RedmineIssueMapper.ToUserValue(assignee, await ReadUserAsync(assignee.Id, cancellationToken));
            }
        }

        return [.. list.Select(issue => RedmineIssueMapper.ToSyncItem(issue, BaseUrlText, TextFormat, _userValues))];
    }

    // A user the key may not see (HTTP 403 or 404) has no address for the connection, like a group.
    private async Task<RedmineUser?> ReadUserAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            return (await GetJsonOrNullAsync<RedmineUserEnvelope>($"users/{id}.json", cancellationToken))?.User;
        }
        catch (ConnectorException ex) when (ex.StatusCode == 403)
        {
            return null;
        }
    }

    /// <summary>
    /// Returns the id of the active user with this e-mail address for "assigned_to_id", or an empty
    /// string to clear the assignee. Finding users by address needs an administrator's API key.
    /// </summary>
    private async Task<JsonNode> ResolveAssigneeAsync(string? value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return JsonValue.Create(string.Empty);
        }

        if (UserValues.IsUnmapped(value))
        {
            throw new ConnectorException($"Redmine assignee '{value}' is not an e-mail address, so no Redmine user can be found for it.");
        }

        var mail = UserValues.Normalize(value);
        if (_userIdsByMail.TryGetValue(mail, out var cached))
        {
            return JsonValue.Create(cached);
        }

        RedmineUserPage page;
        try
        {
            page = await GetJsonAsync<RedmineUserPage>($"users.json?name={Uri.EscapeDataString(mail)}&limit=100", cancellationToken);
        }
        catch (ConnectorException ex) when (ex.StatusCode == 403)
        {
            throw new ConnectorException(
                $"Redmine at {BaseUrlText} did not allow the connection to look up users, so assignee {mail} cannot be set. "
                + "Use an administrator's API key for this connection.", 403);
        }

        var user = page.Users.FirstOrDefault(candidate => string.Equals(candidate.Mail, mail, StringComparison.OrdinalIgnoreCase))
            ?? throw new ConnectorException(
                $"No active Redmine user at {BaseUrlText} has the e-mail address {mail}, so the assignee cannot be set. "
                + "Create the user in Redmine, or correct the address in the other tool.");
        _userIdsByMail[mail] = user.Id;
        return JsonValue.Create(user.Id);
    }
}
