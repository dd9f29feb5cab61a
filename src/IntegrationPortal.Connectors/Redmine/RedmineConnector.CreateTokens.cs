using IntegrationPortal.Connectors.CreateTokens;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Connectors.Redmine;

// Finding an issue by the create token that CreateAsync stored at the end of its description.
public sealed partial class RedmineConnector
{
    /// <summary>
    /// Lists the project's issues created since <paramref name="createdAfter"/>, newest first, with the
    /// <c>created_on</c> filter, and returns the one whose description ends with the token's marker.
    /// </summary>
    public async Task<SyncItem?> FindByCreateTokenAsync(
        string container,
        string createToken,
        DateTimeOffset createdAfter,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        ArgumentException.ThrowIfNullOrEmpty(createToken);

        var query = $"issues.json?project_id={Uri.EscapeDataString(container)}&subproject_id=!*&status_id=*"
            + $"&created_on=%3E%3D{FormatFilterTime(createdAfter)}&sort=id:desc&limit={PageSize}";
        var offset = 0;
        while (true)
        {
            var page = await GetJsonAsync<RedmineIssuePage>($"{query}&offset={offset}", cancellationToken);
            var match = page.Issues.FirstOrDefault(issue =>
            {
                CreateTokenMarker.Strip(issue.Description, out var token);
                return token == createToken;
            });
            if (match is not null)
            {
                return (await ToSyncItemsAsync([match], cancellationToken))[0];
            }

            // Redmine caps a page at 100 issues whatever the limit, so the offset moves by what arrived.
            offset += page.Issues.Count;
            if (page.Issues.Count == 0 || offset >= page.TotalCount)
            {
                return null;
            }
        }
    }
}
