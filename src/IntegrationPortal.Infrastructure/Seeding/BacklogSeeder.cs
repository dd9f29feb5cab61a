using System.Globalization;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;

namespace IntegrationPortal.Infrastructure.Seeding;

/// <summary>
/// Adds a generated backlog to the portal database for demos and benchmarks. Run only by the
/// explicit seed-backlog command, never at start. Requesters get the password the command is given,
/// and without one they cannot sign in, because the portal has no page that sets a password.
/// </summary>
public sealed class BacklogSeeder(PortalDbContext db, UserManager<PortalUser> users, IAuditLog audit, TimeProvider time)
{
    /// <summary>The number of requester accounts the requests are spread over.</summary>
    public const int RequesterCount = 12;

    /// <summary>The maximum number of requests one run adds.</summary>
    public const int MaxCount = 100_000;

    private static readonly string[] FirstNames = ["ana", "bruno", "chloe", "dmitri", "elif", "farid", "greta", "hugo", "ines", "jonas", "kaito", "lena"];

    /// <summary>Creates missing requester accounts, adds <paramref name="count"/> requests and returns them.</summary>
    public Task<int> SeedAsync(int count, int seed, CancellationToken cancellationToken) =>
        SeedAsync(count, seed, null, cancellationToken);

    /// <summary>
    /// Creates missing requester accounts, gives <paramref name="password"/> (when not null) to each of
    /// them that has none yet, so people can sign in as them, adds <paramref name="count"/> requests
    /// and returns them.
    /// </summary>
    public async Task<int> SeedAsync(int count, int seed, string? password, CancellationToken cancellationToken)
    {
        if (count is < 1 or > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The count is {count}; give a number of requests from 1 to {MaxCount}.");
        }

        // The password is checked before any account exists, so a weak one writes nothing.
        if (password is not null)
        {
            await EnsureAcceptedAsync(password);
        }

        var requesters = await EnsureRequestersAsync(password);
        var admins = (await users.GetUsersInRoleAsync(Roles.ItAdmin))
            .OrderBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => new SeedPerson(u.Id, u.UserName ?? u.Id))
            .ToList();

        var requests = BacklogGenerator.Generate(count, seed, time.GetUtcNow(), requesters, admins);
        db.Requests.AddRange(requests);
        audit.RecordAs("seed-backlog", "seed-backlog command", AuditActions.BacklogSeeded, "request", "backlog", new { Count = count, Seed = seed });
        await db.SaveChangesAsync(cancellationToken);
        return requests.Count;
    }

    private async Task EnsureAcceptedAsync(string password)
    {
        var probe = new PortalUser { UserName = "seed-password-check@example.com", Email = "seed-password-check@example.com" };
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, probe, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"--password is too weak for a portal account: {string.Join(" ", problems)}", nameof(password));
        }
    }

    private async Task<List<SeedPerson>> EnsureRequestersAsync(string? password)
    {
        var people = new List<SeedPerson>(RequesterCount);
        for (var i = 0; i < RequesterCount; i++)
        {
            var email = string.Create(CultureInfo.InvariantCulture, $"{FirstNames[i]}.requester@example.com");
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true };
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Creating the seed requester {email} failed: {string.Join(" ", created.Errors.Select(e => e.Description))}");
                }

                await users.AddToRoleAsync(user, Roles.Requester);
            }

            if (password is not null && !await users.HasPasswordAsync(user))
            {
                var set = await users.AddPasswordAsync(user, password);
                if (!set.Succeeded)
                {
                    throw new InvalidOperationException($"Setting the password of the seed requester {email} failed: {string.Join(" ", set.Errors.Select(e => e.Description))}");
                }
            }

            people.Add(new SeedPerson(user.Id, email));
        }

        return people;
    }
}
