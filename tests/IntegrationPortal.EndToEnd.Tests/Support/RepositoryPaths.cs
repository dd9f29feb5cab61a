namespace IntegrationPortal.EndToEnd.Tests.Support;

/// <summary>Locates the repository and the build configuration from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>"Debug" or "Release", whichever this test assembly was built in.</summary>
    public static string BuildConfiguration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IntegrationPortal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No IntegrationPortal.sln above {AppContext.BaseDirectory}.");
    }
}
