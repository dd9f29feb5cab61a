using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Audit.Export;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Identity;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationPortal.Web.Audit;

/// <summary>
/// Streams a filtered range of the activity log as a file. The response is written while the
/// events are read in batches, so a million events never sit in memory at once.
/// </summary>
internal static class AuditExportEndpoints
{
    public static void MapAuditExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/audit/export.{format}", ExportAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Auditor},{Roles.ItAdmin}" });
    }

    private static async Task ExportAsync(string format, HttpContext context, IPortalDbContext db, ICurrentUser user, TimeProvider time)
    {
        AuditFilter filter;
        try
        {
            filter = AuditFilterQueryString.Parse(name => context.Request.Query[name].FirstOrDefault());
        }
        catch (ValidationException ex)
        {
            await Results.ValidationProblem(ex.Errors.GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())).ExecuteAsync(context);
            return;
        }

        // Built on the request's own scope: the registered IAuditQueries opens a scope per call,
        // which would end before a streamed export has been read.
        var audit = new AuditQueries(db, user);
        var events = audit.StreamAsync(filter, context.RequestAborted);
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        switch (format)
        {
            case "csv":
                StartFile(context, "text/csv; charset=utf-8", $"activity-log-{stamp}.csv");
                await AuditExportWriter.WriteCsvAsync(events, context.Response.Body, context.RequestAborted);
                break;
            case "json":
                StartFile(context, "application/json; charset=utf-8", $"activity-log-{stamp}.json");
                await AuditExportWriter.WriteJsonAsync(events, context.Response.Body, context.RequestAborted);
                break;
            default:
                await Results.Problem(
                    detail: $"The export format '{format}' is not supported. Use export.csv or export.json.",
                    statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
                break;
        }
    }

    private static void StartFile(HttpContext context, string contentType, string fileName)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        context.Response.Headers.CacheControl = "no-store";
    }
}
