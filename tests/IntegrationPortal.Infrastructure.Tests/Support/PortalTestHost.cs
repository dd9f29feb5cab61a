using System.Security.Claims;
using IntegrationPortal.Infrastructure.Identity;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationPortal.Infrastructure.Tests.Support;

/// <summary>
/// The portal's real service registrations over a fresh database of one provider: a temporary
/// SQLite file, or a new database on the PostgreSQL server named by INTEGRATIONPORTAL_TEST_POSTGRES.
/// </summary>
public sealed class PortalTestHost : IAsyncDisposable
{
    public const string PostgresVariable = "INTEGRATIONPORTAL_TEST_POSTGRES";

    // Hangfire keeps the log provider of the last host that resolved its configuration in a static
    // field. A factory per host would be disposed with its host while tests running in parallel
    // still log through it, so every host shares one that is never disposed.
    private static readonly ILoggerFactory SharedLoggerFactory =
        LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning));

    private readonly string _directory;
    private readonly string? _postgresAdmin;
    private readonly string? _databaseName;

    private PortalTestHost(ServiceProvider services, string directory, string? postgresAdmin, string? databaseName)
    {
        Services = services;
        _directory = directory;
        _postgresAdmin = postgresAdmin;
        _databaseName = databaseName;
    }

    public ServiceProvider Services { get; }

    /// <summary>
    /// Starts the host; <paramref name="settings"/> adds or overrides configuration keys, and
    /// <paramref name="configure"/> adds or replaces services after the portal's own.
    /// </summary>
    public static async Task<PortalTestHost> StartAsync(
        string provider, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var directory = Directory.CreateTempSubdirectory("portal-test-").FullName;
        string connectionString = string.Empty;
        string? admin = null;
        string? databaseName = null;
        if (provider == DatabaseProviders.PostgreSql)
        {
            admin = Environment.GetEnvironmentVariable(PostgresVariable)
                ?? throw new InvalidOperationException(
                    $"{PostgresVariable} is not set. Start PostgreSQL with deploy/postgres/postgres.sh start and eval \"$(deploy/postgres/postgres.sh env)\", or run tests/run.sh.");
            databaseName = $"portal_test_{Guid.NewGuid():N}";
            await ExecuteAsync(admin, $"create database \"{databaseName}\"");
            connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = databaseName }.ConnectionString;
        }

        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
            ["Database:DataDirectory"] = directory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(SharedLoggerFactory);
        services.AddInfrastructure(configuration, runJobs: false);
        configure?.Invoke(services);
        var serviceProvider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var host = new PortalTestHost(serviceProvider, directory, admin, databaseName);

        await using var scope = serviceProvider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return host;
    }

    /// <summary>Opens a scope whose current user has the given id, name and roles.</summary>
    public AsyncServiceScope ScopeFor(string userId, string userName, params string[] roles)
    {
        var scope = Services.CreateAsyncScope();
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId), new(ClaimTypes.Name, userName) };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_postgresAdmin is not null && _databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_postgresAdmin, $"drop database if exists \"{_databaseName}\" with (force)");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
