using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationPortal.Emulators.GitHub;

/// <summary>Maps the emulated GitHub REST endpoints and the /_emulator/ control endpoints.</summary>
internal static class EmulatorEndpoints
{
    private const string ControlPrefix = "/_emulator";
    private static readonly string[] IssueStates = ["open", "closed"];

    public static void MapGitHubEmulator(this WebApplication app, GitHubEmulatorStore store)
    {
        app.Use((context, next) => AdmitAsync(context, next, store));
        EmulatorControlEndpoints.Map(app, store);

        app.MapGet("/user", () => Json(StatusCodes.Status200OK, EmulatorJson.User(store.Options.Login)));
        app.MapGet("/user/repos", (HttpContext context) => ListRepositories(context, store));
        app.MapGet("/repos/{owner}/{repo}/issues", (HttpContext context, string owner, string repo) =>
            ListIssues(context, store, $"{owner}/{repo}"));
        app.MapPost("/repos/{owner}/{repo}/issues", (HttpContext context, string owner, string repo) =>
            CreateIssueAsync(context, store, $"{owner}/{repo}"));
        app.MapGet("/repos/{owner}/{repo}/issues/{number:int}", (HttpContext context, string owner, string repo, int number) =>
            GetIssue(context, store, $"{owner}/{repo}", number));
        app.MapMethods("/repos/{owner}/{repo}/issues/{number:int}", ["PATCH"], (HttpContext context, string owner, string repo, int number) =>
            UpdateIssueAsync(context, store, $"{owner}/{repo}", number));
        app.MapFallback(() => NotFound());
    }

    public static IResult Json(int statusCode, JsonNode body) =>
        Results.Content(body.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, statusCode);

    public static string ApiBase(HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    /// <summary>
    /// Counts the request, adds the rate-limit headers, responds with a pending injected fault, and
    /// rejects a missing or unknown token with 401 before any endpoint runs.
    /// </summary>
    private static async Task AdmitAsync(HttpContext context, RequestDelegate next, GitHubEmulatorStore store)
    {
        if (context.Request.Path.StartsWithSegments(ControlPrefix, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        if (store.Options.BeforeRequest is { } beforeRequest)
        {
            await beforeRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty);
        }

        var (headers, fault) = store.Admit();
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        if (fault is not null)
        {
            await WriteFaultAsync(context, fault);
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!IsAuthorized(authorization, store.Options.Tokens))
        {
            await Json(StatusCodes.Status401Unauthorized, EmulatorJson.Error("Bad credentials")).ExecuteAsync(context);
            return;
        }

        AddTokenExpiration(context, authorization, store.Options.TokenExpirations);
        await next(context);
    }

    private static void AddTokenExpiration(HttpContext context, string authorization, IDictionary<string, DateTimeOffset> expirations)
    {
        var token = authorization.Split(' ', 2, StringSplitOptions.TrimEntries)[1];
        if (expirations.TryGetValue(token, out var expiresAt))
        {
            context.Response.Headers["github-authentication-token-expiration"] =
                expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        }
    }

    private static bool IsAuthorized(string authorization, IReadOnlyCollection<string> tokens)
    {
        var parts = authorization.Split(' ', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && (parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("token", StringComparison.OrdinalIgnoreCase))
            && tokens.Contains(parts[1]);
    }

    private static Task WriteFaultAsync(HttpContext context, FaultPlan fault)
    {
        if (fault.RetryAfter is { } retryAfter && !fault.RateLimitExhausted)
        {
            var seconds = (long)Math.Ceiling(Math.Max(retryAfter.TotalSeconds, 0));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var message = fault.StatusCode switch
        {
            StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests when fault.RateLimitExhausted =>
                "API rate limit exceeded for user ID 1.",
            StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests =>
                "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            >= 500 => "Server Error",
            _ => "Injected fault",
        };
        return Json(fault.StatusCode, EmulatorJson.Error(message)).ExecuteAsync(context);
    }

    private static IResult ListRepositories(HttpContext context, GitHubEmulatorStore store)
    {
        using (store.Gate.EnterScope())
        {
            var page = Paging.Slice(context, store.Repositories.ToList(), store.Options.MaxPerPage, store.Options.FirstPageSize);
            var apiBase = ApiBase(context);
            return Json(StatusCodes.Status200OK, new JsonArray([.. page.Select(repository => (JsonNode)EmulatorJson.Repository(repository, apiBase))]));
        }
    }

    private static IResult ListIssues(HttpContext context, GitHubEmulatorStore store, string fullName)
    {
        var query = context.Request.Query;
        var state = query["state"].FirstOrDefault() ?? "open";
        var sort = query["sort"].FirstOrDefault() ?? "created";
        var direction = query["direction"].FirstOrDefault() ?? "desc";
        DateTimeOffset? since = null;
        if (query["since"].FirstOrDefault() is { } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return ValidationFailed("Issue", "since", "invalid");
            }

            since = parsed;
        }

        if (state is not ("open" or "closed" or "all"))
        {
            return ValidationFailed("Issue", "state", "invalid");
        }

        if (sort is not ("created" or "updated" or "comments") || direction is not ("asc" or "desc"))
        {
            return ValidationFailed("Issue", sort is "created" or "updated" or "comments" ? "direction" : "sort", "invalid");
        }

        using (store.Gate.EnterScope())
        {
            if (store.FindRepository(fullName) is not { } repository)
            {
                return NotFound();
            }

            var selected = repository.Issues
                .Where(issue => state == "all" || issue.State == state)
                .Where(issue => since is null || issue.UpdatedAt >= since);
            Func<IssueRecord, DateTimeOffset> key = sort == "updated" ? issue => issue.UpdatedAt : issue => issue.CreatedAt;
            var ordered = direction == "asc"
                ? selected.OrderBy(key).ThenBy(issue => issue.Number)
                : selected.OrderByDescending(key).ThenByDescending(issue => issue.Number);

            var page = Paging.Slice(context, ordered.ToList(), store.Options.MaxPerPage, store.Options.FirstPageSize);
            var apiBase = ApiBase(context);
            return Json(StatusCodes.Status200OK, new JsonArray([.. page.Select(issue => (JsonNode)EmulatorJson.Issue(repository, issue, apiBase))]));
        }
    }

    private static IResult GetIssue(HttpContext context, GitHubEmulatorStore store, string fullName, int number)
    {
        using (store.Gate.EnterScope())
        {
            return store.FindRepository(fullName) is { } repository && repository.Find(number) is { } issue
                ? Json(StatusCodes.Status200OK, EmulatorJson.Issue(repository, issue, ApiBase(context)))
                : NotFound();
        }
    }

    private static async Task<IResult> CreateIssueAsync(HttpContext context, GitHubEmulatorStore store, string fullName)
    {
        if (await ReadObjectAsync(context) is not { } body)
        {
            return ProblemsParsingJson();
        }

        if (body["title"] is not JsonValue titleValue || !titleValue.TryGetValue<string>(out var title) || title.Trim().Length == 0)
        {
            return ValidationFailed("Issue", "title", "missing_field");
        }

        if (!TryReadBody(body, out var text))
        {
            return ValidationFailed("Issue", "body", "invalid");
        }

        if (!TryReadLabels(body, out var labels))
        {
            return ValidationFailed("Issue", "labels", "invalid");
        }

        using (store.Gate.EnterScope())
        {
            if (store.FindRepository(fullName) is not { } repository)
            {
                return NotFound();
            }

            var now = store.Now;
            var issue = new IssueRecord
            {
                Id = store.NewId(),
                Number = repository.NextNumber,
                Title = title,
                Body = text,
                State = "open",
                Labels = labels ?? [],
                Author = store.Options.Login,
                CreatedAt = now,
                UpdatedAt = now,
            };
            repository.Issues.Add(issue);

            var json = EmulatorJson.Issue(repository, issue, ApiBase(context));
            context.Response.Headers.Location = (string?)json["url"];
            return Json(StatusCodes.Status201Created, json);
        }
    }

    private static async Task<IResult> UpdateIssueAsync(HttpContext context, GitHubEmulatorStore store, string fullName, int number)
    {
        if (await ReadObjectAsync(context) is not { } body)
        {
            return ProblemsParsingJson();
        }

        string? title = null;
        if (body.ContainsKey("title")
            && (body["title"] is not JsonValue titleValue || !titleValue.TryGetValue(out title) || title.Trim().Length == 0))
        {
            return ValidationFailed("Issue", "title", "invalid");
        }

        string? state = null;
        if (body.ContainsKey("state")
            && (body["state"] is not JsonValue stateValue || !stateValue.TryGetValue(out state) || !IssueStates.Contains(state)))
        {
            return ValidationFailed("Issue", "state", "invalid");
        }

        if (!TryReadBody(body, out var text))
        {
            return ValidationFailed("Issue", "body", "invalid");
        }

        if (!TryReadLabels(body, out var labels))
        {
            return ValidationFailed("Issue", "labels", "invalid");
        }

        using (store.Gate.EnterScope())
        {
            if (store.FindRepository(fullName) is not { } repository || repository.Find(number) is not { } issue)
            {
                return NotFound();
            }

            var now = store.Now;
            if (title is not null)
            {
                issue.Title = title;
            }

            if (body.ContainsKey("body"))
            {
                issue.Body = text;
            }

            if (labels is not null)
            {
                issue.Labels = labels;
            }

            if (state is not null && state != issue.State)
            {
                issue.State = state;
                issue.StateReason = state == "closed" ? "completed" : "reopened";
                issue.ClosedAt = state == "closed" ? now : null;
            }

            issue.UpdatedAt = now;
            return Json(StatusCodes.Status200OK, EmulatorJson.Issue(repository, issue, ApiBase(context)));
        }
    }

    /// <summary>Reads an optional "body" member that must be a string or null.</summary>
    private static bool TryReadBody(JsonObject request, out string? text)
    {
        text = null;
        if (request["body"] is null)
        {
            return true;
        }

        return request["body"] is JsonValue value && value.TryGetValue(out text);
    }

    /// <summary>Reads an optional "labels" array of names or of objects with a "name"; null when absent.</summary>
    private static bool TryReadLabels(JsonObject request, out List<string>? labels)
    {
        labels = null;
        if (!request.TryGetPropertyValue("labels", out var node))
        {
            return true;
        }

        if (node is not JsonArray array)
        {
            return false;
        }

        labels = [];
        foreach (var element in array)
        {
            var name = element switch
            {
                JsonValue value when value.TryGetValue<string>(out var text) => text,
                JsonObject label when label["name"] is JsonValue value && value.TryGetValue<string>(out var text) => text,
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(name))
            {
                return false;
            }

            if (!labels.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                labels.Add(name);
            }
        }

        return true;
    }

    public static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IResult NotFound() => Json(StatusCodes.Status404NotFound, EmulatorJson.Error("Not Found"));

    private static IResult ProblemsParsingJson() =>
        Json(StatusCodes.Status400BadRequest, EmulatorJson.Error("Problems parsing JSON"));

    /// <summary>Returns 422 in the shape of the recorded octokit/fixtures error body.</summary>
    private static IResult ValidationFailed(string resource, string field, string code)
    {
        var body = JsonNode.Parse(FixtureSeed.ValidationErrorBody.GetRawText())!.AsObject();
        body["errors"] = new JsonArray(new JsonObject { ["resource"] = resource, ["code"] = code, ["field"] = field });
        body["documentation_url"] = "https://docs.github.com/rest/issues/issues";
        return Json(StatusCodes.Status422UnprocessableEntity, body);
    }
}
