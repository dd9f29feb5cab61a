using Npgsql;

namespace IntegrationPortal.EndToEnd.Tests.Support;

/// <summary>A new, empty database on the test PostgreSQL server, dropped on dispose.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string ServerVariable = "INTEGRATIONPORTAL_TEST_POSTGRES";

    private readonly string _admin;
    private readonly string _name;

    private PostgresDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(ServerVariable)
            ?? throw new InvalidOperationException(
                $"{ServerVariable} is not set. Start PostgreSQL with deploy/postgres/postgres.sh start and eval \"$(deploy/postgres/postgres.sh env)\", or run tests/run.sh.");
        var name = $"portal_e2e_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"create database \"{name}\"");
        return new PostgresDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"drop database if exists \"{_name}\" with (force)");
    }

    /// <summary>Reads every row of a table as PostgreSQL's text form of the whole row.</summary>
    public async Task<IReadOnlyList<string>> ReadRowsAsTextAsync(string table)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select row_to_json(t)::text from \"{table}\" t", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
