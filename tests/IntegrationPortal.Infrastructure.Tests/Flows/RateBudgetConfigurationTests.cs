using IntegrationPortal.Connectors.Http;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationPortal.Infrastructure.Tests.Flows;

public sealed class RateBudgetConfigurationTests
{
    [Fact]
    public async Task Settings_override_tool_limits()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite, new Dictionary<string, string?>
        {
            ["Connectors:RateBudget:Tools:github:CallsPerHour"] = "1200",
            ["Connectors:RateBudget:Tools:redmine:CallsPerHour"] = "600",
            ["Connectors:RateBudget:Tools:redmine:Burst"] = "5",
            ["Connectors:RateBudget:MaxWait"] = "00:00:10",
        });

        var options = host.Services.GetRequiredService<IOptions<RateBudgetOptions>>().Value;

        Assert.Equal(1200, options.LimitFor("github").CallsPerHour);
        Assert.Equal(80, options.LimitFor("github").Burst);
        Assert.Equal(600, options.LimitFor("redmine").CallsPerHour);
        Assert.Equal(5, options.LimitFor("redmine").Burst);
        Assert.Equal(TimeSpan.FromSeconds(10), options.MaxWait);
    }

    [Fact]
    public async Task Defaults_apply_without_settings()
    {
        await using var host = await PortalTestHost.StartAsync(DatabaseProviders.Sqlite);

        var options = host.Services.GetRequiredService<IOptions<RateBudgetOptions>>().Value;

        Assert.Equal(4000, options.LimitFor("github").CallsPerHour);
        Assert.Equal(7200, options.LimitFor("redmine").CallsPerHour);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxWait);
    }
}
