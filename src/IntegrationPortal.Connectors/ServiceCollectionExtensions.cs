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
    /// "github") with retries and timeouts from <see cref="ConnectorResilienceOptions"/>.
    /// </summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddLogging();
        services.AddOptions<ConnectorResilienceOptions>();
        services.AddOptions<RedmineConnectorOptions>();
        services.AddHttpClient(ToolKeys.Redmine).AddConnectorResilience();
        services.AddHttpClient(ToolKeys.GitHub).AddConnectorResilience();
        services.TryAddSingleton<IConnectorFactory, ConnectorFactory>();
        return services;
    }
}
