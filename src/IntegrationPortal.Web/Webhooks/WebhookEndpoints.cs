using IntegrationPortal.Application.Webhooks;
using Microsoft.AspNetCore.Http.Features;

namespace IntegrationPortal.Web.Webhooks;

/// <summary>
/// The endpoints that tools post webhook deliveries to. They respond after a few database round
/// trips, because GitHub.com records a delivery as failed when the response takes more than 10
/// seconds (30 on GitHub Enterprise Server). The sync runs later, in a job queued by
/// <see cref="GitHubWebhookReceiver"/>.
/// </summary>
internal static class WebhookEndpoints
{
    /// <summary>GitHub's documented payload cap (25 MB). GitHub drops larger events instead of sending them.</summary>
    public const long MaxBodyBytes = 25L * 1024 * 1024;

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        // Deliveries carry no cookie or antiforgery token, because the signature is their authentication.
        app.MapPost("/webhooks/github/{connectionId:guid}", ReceiveGitHubAsync)
            .AllowAnonymous()
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReceiveGitHubAsync(
        Guid connectionId, HttpRequest request, GitHubWebhookReceiver receiver, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Results.Json(new { message = $"The body is larger than {MaxBodyBytes / (1024 * 1024)} MB, GitHub's payload cap." }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var delivery = new GitHubWebhookDelivery(
            connectionId,
            request.Headers["X-GitHub-Event"].FirstOrDefault(),
            request.Headers["X-GitHub-Delivery"].FirstOrDefault(),
            request.Headers[GitHubWebhookSignature.HeaderName].FirstOrDefault(),
            request.HasFormContentType,
            body);
        var receipt = await receiver.ReceiveAsync(delivery, cancellationToken);
        var status = receipt.Outcome switch
        {
            WebhookOutcome.Accepted => StatusCodes.Status202Accepted,
            WebhookOutcome.Ignored or WebhookOutcome.Duplicate => StatusCodes.Status200OK,
            WebhookOutcome.Unauthorized => StatusCodes.Status401Unauthorized,
            WebhookOutcome.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };
        return Results.Json(new { message = receipt.Message, flowsTriggered = receipt.FlowsTriggered }, statusCode: status);
    }

    /// <summary>Reads the raw body, which the signature covers byte for byte, or returns null past the cap.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var sizeLimit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false })
        {
            sizeLimit.MaxRequestBodySize = MaxBodyBytes + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
