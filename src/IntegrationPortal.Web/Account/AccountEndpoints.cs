using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationPortal.Web.Account;

/// <summary>
/// Sign-in, sign-out and owner setup as plain form posts, because signing in sets a cookie and
/// that needs an HTTP response, which an interactive Blazor component does not have.
/// </summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        // The sign-in page shares this path, and Blazor page endpoints accept POST too, so this
        // endpoint must come first or the route is ambiguous.
        account.MapPost("/login", SignInAsync).AllowAnonymous().WithOrder(-1);
        account.MapPost("/logout", SignOutAsync);
        account.MapPost("/setup", SetUpOwnerAsync).AllowAnonymous();
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? email,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        SignInManager<PortalUser> signIn,
        IAuditLog audit,
        PortalDbContext db,
        ILogger<PortalUser> logger)
    {
        var target = LocalOrHome(returnUrl);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return Redirect("/account/login", "Enter your e-mail address and password.", target, email);
        }

        var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (result.Succeeded && user is not null)
        {
            audit.RecordAs(user.Id, user.UserName ?? email, AuditActions.SignedIn, "user", user.Id);
            await db.SaveChangesAsync(CancellationToken.None);
            return Results.LocalRedirect(target);
        }

        var reason = result.IsLockedOut ? "locked out" : "invalid e-mail address or password";
        audit.RecordAs(user?.Id ?? "unknown", email.Trim(), AuditActions.SignInFailed, "user", user?.Id ?? email.Trim(), new { Reason = reason });
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogWarning("Sign-in failed for an account ({Reason})", reason);

        var message = result.IsLockedOut
            ? "The account is locked after too many failed attempts; try again in a few minutes."
            : "The e-mail address or password is incorrect.";
        return Redirect("/account/login", message, target, email);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, SignInManager<PortalUser> signIn, IAuditLog audit, PortalDbContext db)
    {
        var userId = signIn.UserManager.GetUserId(context.User);
        if (userId is not null)
        {
            audit.RecordAs(userId, context.User.Identity?.Name ?? userId, AuditActions.SignedOut, "user", userId);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }

    private static async Task<IResult> SetUpOwnerAsync(
        [FromForm] string? email,
        [FromForm] string? password,
        [FromForm] string? confirmPassword,
        UserAdminService users,
        SignInManager<PortalUser> signIn,
        ILogger<PortalUser> logger,
        CancellationToken cancellationToken)
    {
        if (!string.Equals(password, confirmPassword, StringComparison.Ordinal))
        {
            return Redirect("/setup", "The two passwords differ; type the same password twice.", null, email);
        }

        try
        {
            var owner = await users.CreateOwnerAsync(email ?? string.Empty, password ?? string.Empty, cancellationToken);
            await signIn.SignInAsync(owner, isPersistent: false);
            return Results.LocalRedirect("/");
        }
        catch (ValidationException ex)
        {
            logger.LogWarning("Owner setup rejected invalid input for {Fields}", string.Join(", ", ex.Errors.Select(e => e.PropertyName).Distinct()));
            return Redirect("/setup", string.Join(" ", ex.Errors.Select(e => e.ErrorMessage)), null, email);
        }
        catch (ForbiddenAccessException ex)
        {
            logger.LogWarning("Owner setup was attempted after an IT admin already exists");
            return Redirect("/setup", ex.Message, null);
        }
    }

    /// <summary>Redirects back to a form with the error and the typed e-mail address, never the password.</summary>
    private static IResult Redirect(string path, string error, string? returnUrl, string? email = null)
    {
        var query = $"?error={Uri.EscapeDataString(error)}";
        if (!string.IsNullOrWhiteSpace(email))
        {
            query += $"&email={Uri.EscapeDataString(email.Trim())}";
        }

        if (returnUrl is not null && returnUrl != "/")
        {
            query += $"&returnUrl={Uri.EscapeDataString(returnUrl)}";
        }

        return Results.LocalRedirect(path + query);
    }

    /// <summary>Accepts only paths on this site, so a crafted link cannot send a user elsewhere after sign-in.</summary>
    private static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
