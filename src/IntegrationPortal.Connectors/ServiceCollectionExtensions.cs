using IntegrationPortal.Connectors.Http;
using IntegrationPortal.Connectors.Redmine;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Sync.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationPortal.Connectors;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConnectorFactory"/> and one named HttpClient per tool ("redmine",
    /// "github") with retries and timeouts from <see cref="ConnectorResilienceOptions"/> and a rate
    /// budget per connection from <see cref="RateBudgetOptions"/>.
    /// </summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddLogging();
        services.AddOptions<ConnectorResilienceOptions>();
        services.AddOptions<RateBudgetOptions>();
        services.AddOptions<RedmineConnectorOptions>();
        services.TryAddSingleton<ConnectionRateBudgets>();
        services.AddHttpClient(ToolKeys.Redmine).AddConnectorResilience("Redmine");
        services.AddHttpClient(ToolKeys.GitHub).AddConnectorResilience("GitHub");
        services.TryAddSingleton<IConnectorFactory, ConnectorFactory>();
        return services;
    }
}
