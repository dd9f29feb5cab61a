using System.Diagnostics;
using System.Globalization;
using IntegrationPortal.Application.Requests.Backlog;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Seeding;
using IntegrationPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Web.Seeding;

/// <summary>
/// <c>seed-backlog [--count N] [--seed S] [--password P] [--Section:Key=value ...]</c>: migrates the
/// configured database, adds a generated backlog (with P as the password of seeded requesters that have none), prints how it groups and exits without serving pages or
/// running jobs. Starting the portal never seeds. Only this command does.
/// </summary>
internal static class SeedBacklogCommand
{
    public const string Name = "seed-backlog";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        if (!TryParse(args, out var count, out var seed, out var password, out var error))
        {
            await Console.Error.WriteLineAsync($"{error}\nUsage: {Name} [--count N] [--seed S] [--password P] [--Section:Key=value ...] (count 1 to {BacklogSeeder.MaxCount}, default 50; seed default 1; without a password the seeded requesters cannot sign in)");
            return 2;
        }

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        try
        {
            services.AddInfrastructure(configuration, runJobs: false);
        }
        catch (InvalidOperationException ex)
        {
            return StartupFailure.Report(ex);
        }

        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

        int added;
        try
        {
            added = await scope.ServiceProvider.GetRequiredService<BacklogSeeder>().SeedAsync(count, seed, password, CancellationToken.None);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message.Split(" (Parameter", 2)[0]}\nNothing was seeded.");
            return 2;
        }

        var databaseProvider = configuration["Database:Provider"] ?? DatabaseProviders.Sqlite;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {added} requests from {BacklogSeeder.RequesterCount} requesters into the {databaseProvider} database."));
        await ReportGroupingAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
        return 0;
    }

    /// <summary>Prints the open requests against the decisions they need, and how long loading and grouping took.</summary>
    private static async Task ReportGroupingAsync(PortalDbContext db)
    {
        var loading = Stopwatch.StartNew();
        var open = await db.Requests.AsNoTracking()
            .Where(r => r.Status == RequestStatus.Submitted || r.Status == RequestStatus.InReview || r.Status == RequestStatus.NeedsInformation)
            .ToListAsync();
        loading.Stop();

        // The first grouping includes JIT compilation, so the second one is the figure to compare.
        var first = Stopwatch.StartNew();
        BacklogGrouper.Group(open);
        first.Stop();
        var grouping = Stopwatch.StartNew();
        var clusters = BacklogGrouper.Group(open);
        grouping.Stop();

        var groups = clusters.Count(c => c.Requests.Count > 1);
        var grouped = clusters.Where(c => c.Requests.Count > 1).Sum(c => c.Requests.Count);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Open requests: {open.Count}. Decisions needed: {clusters.Count} ({groups} groups covering {grouped} requests, {clusters.Count - groups} single requests)."));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Loading the open requests took {loading.Elapsed.TotalMilliseconds:0.0} ms; grouping them took {grouping.Elapsed.TotalMilliseconds:0.0} ms ({first.Elapsed.TotalMilliseconds:0.0} ms the first time)."));
        foreach (var cluster in clusters.OrderByDescending(c => c.Requests.Count).Take(5))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {cluster.Requests.Count,5}  {cluster.ToolPair,-16} {cluster.Label}"));
        }
    }

    /// <summary>Returns true for a portal setting on the command line, which has a section and so a colon.</summary>
    private static bool IsSetting(string option) => option.StartsWith("--", StringComparison.Ordinal) && option.Contains(':', StringComparison.Ordinal);

    internal static bool TryParse(string[] args, out int count, out int seed, out string error) =>
        TryParse(args, out count, out seed, out _, out error);

    internal static bool TryParse(string[] args, out int count, out int seed, out string? password, out string error)
    {
        count = 50;
        seed = 1;
        password = null;
        error = string.Empty;
        for (var i = 1; i < args.Length; i++)
        {
            var option = args[i];
            if (IsSetting(option))
            {
                // The host's configuration already read it, as in --Database:Provider=PostgreSql or --Database:Provider PostgreSql.
                i += option.Contains('=', StringComparison.Ordinal) ? 0 : 1;
                continue;
            }

            if (option == "--password")
            {
                if (i + 1 >= args.Length || string.IsNullOrWhiteSpace(args[i + 1]))
                {
                    error = "--password needs the password to give the seeded requesters after it.";
                    return false;
                }

                password = args[++i];
                continue;
            }

            if (option is not ("--count" or "--seed"))
            {
                error = $"Unknown option '{option}'; give --count, --seed, --password or a setting such as --Database:Provider=PostgreSql.";
                return false;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                error = $"{option} needs a whole number after it.";
                return false;
            }

            i++;
            if (option == "--seed")
            {
                seed = value;
            }
            else if (value is < 1 or > BacklogSeeder.MaxCount)
            {
                error = $"--count is {value}; give a number of requests from 1 to {BacklogSeeder.MaxCount}.";
                return false;
            }
            else
            {
                count = value;
            }
        }

        return true;
    }
}
