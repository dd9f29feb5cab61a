using System.Text.Json.Nodes;

namespace IntegrationPortal.Emulators.GitHub;

/// <summary>
/// The /_emulator/ endpoints, which give a standalone emulator the control that
/// <see cref="GitHubEmulator"/> offers in process. They need no token and are not counted.
/// </summary>
internal static class EmulatorControlEndpoints
{
    public static void Map(WebApplication app, GitHubEmulatorStore store)
    {
        // Body: {"full_name": "owner/repo"}. Returns the repository, or 422 for an invalid or taken name.
        app.MapPost("/_emulator/repos", async (HttpContext context) =>
        {
            var request = await EmulatorEndpoints.ReadObjectAsync(context);
            try
            {
                var repository = store.CreateRepository((string?)request?["full_name"] ?? string.Empty);
                using (store.Gate.EnterScope())
                {
                    return EmulatorEndpoints.Json(StatusCodes.Status201Created, EmulatorJson.Repository(repository, EmulatorEndpoints.ApiBase(context)));
                }
            }
            catch (ArgumentException exception)
            {
                return EmulatorEndpoints.Json(StatusCodes.Status422UnprocessableEntity, EmulatorJson.Error(exception.Message));
            }
        });

        // Body: {"full_name": "owner/repo", "title": "..."}. Returns {"number": n} of the new open pull request.
        app.MapPost("/_emulator/pulls", async (HttpContext context) =>
        {
            var request = await EmulatorEndpoints.ReadObjectAsync(context);
            try
            {
                var number = store.AddPullRequest((string?)request?["full_name"] ?? string.Empty, (string?)request?["title"] ?? "Pull request");
                return EmulatorEndpoints.Json(StatusCodes.Status201Created, new JsonObject { ["number"] = number });
            }
            catch (ArgumentException exception)
            {
                return EmulatorEndpoints.Json(StatusCodes.Status422UnprocessableEntity, EmulatorJson.Error(exception.Message));
            }
        });

        // Body: {"count": 2, "status_code": 503, "retry_after_seconds": 1, "rate_limit_exhausted": false}.
        app.MapPost("/_emulator/faults", async (HttpContext context) =>
        {
            var request = await EmulatorEndpoints.ReadObjectAsync(context);
            try
            {
                var retryAfter = request?["retry_after_seconds"] is JsonValue seconds
                    ? TimeSpan.FromSeconds(seconds.GetValue<double>())
                    : (TimeSpan?)null;
                store.InjectFaults(
                    request?["count"]?.GetValue<int>() ?? 1,
                    request?["status_code"]?.GetValue<int>() ?? StatusCodes.Status500InternalServerError,
                    retryAfter,
                    request?["rate_limit_exhausted"]?.GetValue<bool>() ?? false);
                return Results.NoContent();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException)
            {
                return EmulatorEndpoints.Json(StatusCodes.Status422UnprocessableEntity, EmulatorJson.Error(exception.Message));
            }
        });

        app.MapPost("/_emulator/reset", () =>
        {
            store.Reset();
            return Results.NoContent();
        });

        app.MapGet("/_emulator/requests", () =>
            EmulatorEndpoints.Json(StatusCodes.Status200OK, new JsonObject { ["request_count"] = store.RequestCount }));
    }
}
