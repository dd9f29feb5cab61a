using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Flows;

public sealed class RedmineTextFormattingTests
{
    [Fact]
    public void Unknown_formatting_fails_at_start()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Connectors:Redmine:TextFormatting"] = "wiki" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddInfrastructure(configuration, runJobs: false));

        Assert.Contains("Connectors:Redmine:TextFormatting 'wiki' is invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("textile, markdown or common_mark", error.Message, StringComparison.Ordinal);
    }
}
