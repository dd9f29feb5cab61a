using System.Net;
using IntegrationPortal.EndToEnd.Tests.Support;

namespace IntegrationPortal.EndToEnd.Tests;

/// <summary>The portal's executable on the embedded default (SQLite), as `dotnet run` starts it.</summary>
public sealed class EmbeddedDefaultTests
{
    [Fact]
    public async Task Portal_starts_on_sqlite_and_offers_setup()
    {
        var data = Directory.CreateTempSubdirectory("portal-sqlite-").FullName;
        try
        {
            await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string> { ["Database:DataDirectory"] = data });
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.BaseUrl };

            using var setup = await http.GetAsync(new Uri("/setup", UriKind.Relative));
            using var home = await http.GetAsync(new Uri("/", UriKind.Relative));
            using var login = await http.GetAsync(new Uri("/account/login", UriKind.Relative));
            using var dashboard = await http.GetAsync(new Uri("/hangfire", UriKind.Relative));
            var setupPage = await setup.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
            Assert.Contains("name=\"ConfirmPassword\"", setupPage, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
            Assert.StartsWith("/account/login", home.Headers.Location?.OriginalString.Replace(portal.BaseUrl.ToString(), "/", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.EndsWith("/setup", login.Headers.Location?.OriginalString, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
            Assert.Contains("/account/login", dashboard.Headers.Location?.OriginalString, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data, "portal.db")));
            Assert.True(File.Exists(Path.Combine(data, "hangfire.db")));
            Assert.Contains("Set DataProtection:CertificatePath", portal.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
