using IntegrationPortal.Emulators.GitHub;

// Runs the emulator standalone: dotnet run --project tests/IntegrationPortal.Emulators.GitHub -- --urls http://127.0.0.1:5080
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

var store = new GitHubEmulatorStore(new GitHubEmulatorOptions());
var app = builder.Build();
app.MapGitHubEmulator(store);
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "GitHub emulator started on {Urls}; it accepts the token {Token} and seeds {Recorded} and {Empty}",
    string.Join(", ", app.Urls), GitHubEmulator.DefaultToken, GitHubEmulator.RecordedRepository, GitHubEmulator.EmptyRepository));
app.Run();
