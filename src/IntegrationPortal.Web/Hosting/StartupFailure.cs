namespace IntegrationPortal.Web.Hosting;

/// <summary>
/// Reports a configuration or database error found while the portal starts, as one message that
/// names the settings to check, and returns the process exit code.
/// </summary>
internal static class StartupFailure
{
    public const int ExitCode = 1;

    public static int Report(Exception error)
    {
        Console.Error.WriteLine($"IntegrationPortal could not start: {error.Message}");
        Console.Error.WriteLine(
            "Check the setting the message names (Database:Provider is Sqlite or PostgreSql, Database:ConnectionString, "
            + "DataProtection:CertificatePath), and that the database server is running and reachable.");
        return ExitCode;
    }
}
