namespace IntegrationPortal.Infrastructure.Persistence;

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>"Sqlite" (the embedded default) or "PostgreSql".</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>
    /// The connection string; for SQLite it may be empty, and the portal then uses portal.db in
    /// <see cref="DataDirectory"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The folder for the SQLite files of the portal and Hangfire, relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Applies pending migrations at start; turn off when an operator migrates by hand.</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";
}
