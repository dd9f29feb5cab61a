using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationPortal.Connectors.CreateTokens;
using IntegrationPortal.Sync.Connectors;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace IntegrationPortal.Connectors.GitHub;

/// <summary>
/// Reads and writes GitHub issues through the REST API (version 2022-11-28). Items are issues keyed
/// by number, containers are repositories keyed by "owner/repo"; pull requests are skipped.
/// </summary>
/// <param name="http">A shared client; headers are set per request, never on the client.</param>
/// <param name="baseUrl">The API root: https://api.github.com/ or an Enterprise Server's /api/v3/.</param>
/// <param name="token">A personal access token or app token, sent as a Bearer token.</param>
/// <param name="logger">Receives failed calls by method and path, never headers or the token.</param>
public sealed class GitHubConnector(HttpClient http, Uri baseUrl, string token, ILogger<GitHubConnector> logger) : IConnector
{
    private const int PageSize = 100;

    /// <summary>Stops a paging loop when a tool keeps returning next links (several hundred thousand items).</summary>
    private const int MaxPages = 5000;

    private readonly Uri _root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    public static IReadOnlyList<FieldDescriptor> StaticFields { get; } =
    [
        new(GitHubIssueMapper.Title, "Title", FieldKind.Text),
        new(GitHubIssueMapper.Description, "Description", FieldKind.RichText),
        new(GitHubIssueMapper.Status, "Status", FieldKind.Choice, GitHubIssueMapper.States),
        new(GitHubIssueMapper.Labels, "Labels", FieldKind.Labels),
    ];

    public IReadOnlyList<FieldDescriptor> Fields => StaticFields;

    public async Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Get, "user", null, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return new ConnectionTestResult(false,
                    $"GitHub at {_root} rejected the token (HTTP 401). Check that the token is valid and not expired.");
            }

            await EnsureSuccessAsync(response, "GET /user", cancellationToken);
            using var user = await ReadJsonAsync(response, cancellationToken);
            var login = user.RootElement.TryGetProperty("login", out var value) ? value.GetString() : null;
            var expiresAt = TokenExpiration.Read(response.Headers);
            var expiry = expiresAt is { } at ? $"; the token expires {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : string.Empty;
            return new ConnectionTestResult(true, $"Connected as {login}{expiry}", expiresAt);
        }
        catch (ConnectorException exception)
        {
            logger.LogWarning("GitHub connection test at {BaseUrl} failed: {Message}", _root, exception.Message);
            return new ConnectionTestResult(false, exception.Message);
        }
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(CancellationToken cancellationToken)
    {
        var containers = new List<ContainerInfo>();
        await ReadAllPagesAsync($"user/repos?per_page={PageSize}", "GET /user/repos", repository =>
        {
            var fullName = repository.GetProperty("full_name").GetString()!;
            containers.Add(new ContainerInfo(fullName, fullName));
        }, cancellationToken);
        return containers;
    }

    public async Task<IReadOnlyList<SyncItem>> ReadChangedAsync(string container, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var repository = RepositoryPath(container);
        var query = new StringBuilder($"repos/{repository}/issues?state=all&sort=updated&direction=asc&per_page={PageSize}");
        if (since is { } time)
        {
            // GitHub compares whole seconds, so dropping the fraction keeps items updated in that second.
            query.Append("&since=").Append(time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        }

        var items = new List<SyncItem>();
        await ReadAllPagesAsync(query.ToString(), $"GET /repos/{container}/issues", issue =>
        {
            if (!GitHubIssueMapper.IsPullRequest(issue))
            {
                items.Add(GitHubIssueMapper.ToSyncItem(issue));
            }
        }, cancellationToken);
        return items;
    }

    /// <summary>Reads one issue; returns null when GitHub returns 404 or 410, or when the number is a pull request.</summary>
    public async Task<SyncItem?> GetAsync(string container, string itemId, CancellationToken cancellationToken)
    {
        var path = IssuePath(container, itemId);
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return null;
        }

        await EnsureSuccessAsync(response, $"GET /{path}", cancellationToken);
        using var issue = await ReadJsonAsync(response, cancellationToken);
        return GitHubIssueMapper.IsPullRequest(issue.RootElement) ? null : GitHubIssueMapper.ToSyncItem(issue.RootElement);
    }

    /// <summary>
    /// Creates an issue with POST; GitHub always opens new issues, so a "closed" status is written
    /// with a second PATCH call. When that PATCH fails, the issue stays open and the exception message states that.
    /// The create token goes into an HTML comment at the end of the body, which GitHub does not render.
    /// </summary>
    public async Task<SyncItem> CreateAsync(
        string container,
        IReadOnlyDictionary<string, string?> fields,
        string? createToken,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);

        var path = $"repos/{RepositoryPath(container)}/issues";
        var call = $"POST /{path}";
        var body = GitHubIssueMapper.ToRequestBody(fields, call);
        if (createToken is not null)
        {
            body["body"] = CreateTokenMarker.Append((string?)body["body"], createToken, call);
        }

        var closeAfterCreate = body.Remove("state", out var state) && (string?)state == "closed";

        using var response = await SendAsync(HttpMethod.Post, path, body, cancellationToken);
        await EnsureSuccessAsync(response, call, cancellationToken);
        using var created = await ReadJsonAsync(response, cancellationToken);
        var item = GitHubIssueMapper.ToSyncItem(created.RootElement);
        if (!closeAfterCreate)
        {
            return item;
        }

        var issuePath = IssuePath(container, item.Id);
        using var closeResponse = await SendAsync(HttpMethod.Patch, issuePath, new JsonObject { ["state"] = "closed" }, cancellationToken);
        if (!closeResponse.IsSuccessStatusCode)
        {
            var failure = await GitHubErrors.FromResponseAsync(closeResponse, $"PATCH /{issuePath}", token, cancellationToken);
            throw new ConnectorException(
                $"GitHub created issue #{item.Id} in {container} but could not close it, so it is open. {failure.Message}",
                failure.StatusCode, failure);
        }

        using var closed = await ReadJsonAsync(closeResponse, cancellationToken);
        return GitHubIssueMapper.ToSyncItem(closed.RootElement);
    }

    /// <summary>
    /// Lists the issues updated since <paramref name="createdAfter"/>, which include every issue created
    /// since then, and returns the one whose body ends with the token's marker. The issues list is
    /// used rather than the search API because GitHub indexes new issues for search with a delay.
    /// </summary>
    public async Task<SyncItem?> FindByCreateTokenAsync(
        string container,
        string createToken,
        DateTimeOffset createdAfter,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(createToken);

        var since = createdAfter.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var query = $"repos/{RepositoryPath(container)}/issues?state=all&sort=created&direction=desc&since={since}&per_page={PageSize}";
        SyncItem? found = null;
        await ReadAllPagesAsync(query, $"GET /repos/{container}/issues", issue =>
        {
            if (found is null && !GitHubIssueMapper.IsPullRequest(issue))
            {
                var item = GitHubIssueMapper.ToSyncItem(issue);
                found = item.CreateToken == createToken ? item : null;
            }
        }, cancellationToken);
        return found;
    }

    /// <summary>
    /// Writes the given fields with PATCH. GitHub documents conditional requests (ETag with
    /// If-None-Match) for reads only and no If-Match on PATCH of an issue, so
    /// <paramref name="expectedVersion"/> is ignored and the write is unconditional.
    /// </summary>
    public async Task UpdateAsync(
        string container,
        string itemId,
        IReadOnlyDictionary<string, string?> fields,
        string? expectedVersion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            return;
        }

        var path = IssuePath(container, itemId);
        var call = $"PATCH /{path}";
        var body = GitHubIssueMapper.ToRequestBody(fields, call);
        using var response = await SendAsync(HttpMethod.Patch, path, body, cancellationToken);
        await EnsureSuccessAsync(response, call, cancellationToken);
    }

    /// <summary>
    /// Closes an issue with PATCH state=closed; the REST API cannot delete issues. An issue that no
    /// longer exists (404 or 410) is left as it is.
    /// </summary>
    public async Task CloseAsync(string container, string itemId, CancellationToken cancellationToken)
    {
        var path = IssuePath(container, itemId);
        using var response = await SendAsync(HttpMethod.Patch, path, new JsonObject { ["state"] = "closed" }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return;
        }

        await EnsureSuccessAsync(response, $"PATCH /{path}", cancellationToken);
    }

    private async Task ReadAllPagesAsync(string firstPath, string call, Action<JsonElement> readElement, CancellationToken cancellationToken)
    {
        Uri? next = new(_root, firstPath);
        for (var page = 1; next is not null; page++)
        {
            if (page > MaxPages)
            {
                throw new ConnectorException($"GitHub call {call} failed: it returned more than {MaxPages} pages, so the connector stopped reading.");
            }

            using var response = await SendAsync(HttpMethod.Get, next, null, cancellationToken);
            await EnsureSuccessAsync(response, call, cancellationToken);
            using var document = await ReadJsonAsync(response, cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ConnectorException($"GitHub call {call} failed: page {page} is not a JSON array.", (int)response.StatusCode);
            }

            foreach (var element in document.RootElement.EnumerateArray())
            {
                readElement(element);
            }

            next = LinkHeader.GetNext(response);
            if (next is not null && Uri.Compare(next, _root, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                // The token goes with every request, so it must not follow a link to another host.
                throw new ConnectorException(
                    $"GitHub call {call} failed: the next-page link points to {next.GetLeftPart(UriPartial.Authority)}, not to {_root.GetLeftPart(UriPartial.Authority)}.");
            }
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string relativePath, JsonObject? body, CancellationToken cancellationToken) =>
        SendAsync(method, new Uri(_root, relativePath), body, cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("IntegrationPortal", null));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var call = $"{method} {uri.AbsolutePath}";
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new ConnectorException(
                GitHubErrors.Redact($"GitHub call {call} failed: {exception.Message} Check the base URL {_root} and the network.", token),
                null, exception);
        }
        catch (Exception exception) when (exception is TimeoutRejectedException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ConnectorException($"GitHub call {call} timed out. Try again later or check the base URL {_root}.", null, exception);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var exception = await GitHubErrors.FromResponseAsync(response, call, token, cancellationToken);
        logger.LogWarning("GitHub call {Call} failed with HTTP {Status}", call, exception.StatusCode);
        throw exception;
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    /// <summary>Validates "owner/repo" and escapes both parts for a URL path.</summary>
    private static string RepositoryPath(string container)
    {
        var parts = container?.Split('/') ?? [];
        if (parts.Length != 2 || parts.Any(part => part.Length == 0))
        {
            throw new ConnectorException($"GitHub repository '{container}' is invalid; use the form owner/repo.");
        }

        return $"{Uri.EscapeDataString(parts[0])}/{Uri.EscapeDataString(parts[1])}";
    }

    private static string IssuePath(string container, string itemId)
    {
        if (!long.TryParse(itemId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            throw new ConnectorException($"GitHub issue id '{itemId}' is invalid; use the issue number, such as 42.");
        }

        return $"repos/{RepositoryPath(container)}/issues/{number.ToString(CultureInfo.InvariantCulture)}";
    }
}
