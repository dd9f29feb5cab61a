using IntegrationPortal.Connectors.GitHub;
using IntegrationPortal.Connectors.Http;
using IntegrationPortal.Connectors.Redmine;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Sync.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationPortal.Connectors;

/// <summary>
/// Creates connectors on the named HttpClients that <see cref="ServiceCollectionExtensions.AddConnectors"/>
/// registers, so every connector shares the pooled handlers and the retry policy of its tool.
/// Redmine connectors read and write descriptions in the markup of <see cref="RedmineConnectorOptions"/>.
/// </summary>
public sealed class ConnectorFactory(
    IHttpClientFactory httpClients,
    ILoggerFactory loggers,
    IOptions<RedmineConnectorOptions> redmineOptions) : IConnectorFactory
{
    public bool Supports(string toolKey) => toolKey is ToolKeys.Redmine or ToolKeys.GitHub;

    public IReadOnlyList<FieldDescriptor> FieldsOf(string toolKey) => toolKey switch
    {
        ToolKeys.Redmine => RedmineConnector.StaticFields,
        ToolKeys.GitHub => GitHubConnector.StaticFields,
        _ => throw UnknownTool(toolKey),
    };

    public IConnector Create(string toolKey, Uri baseUrl, string secret, string? rateBudgetKey = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(secret);

        return toolKey switch
        {
            ToolKeys.Redmine => new RedmineConnector(
                CreateClient(ToolKeys.Redmine, rateBudgetKey), baseUrl, secret, loggers.CreateLogger<RedmineConnector>())
            {
                TextFormat = redmineOptions.Value.ToRichTextFormat(),
            },
            ToolKeys.GitHub => new GitHubConnector(
                CreateClient(ToolKeys.GitHub, rateBudgetKey), baseUrl, secret, loggers.CreateLogger<GitHubConnector>()),
            _ => throw UnknownTool(toolKey),
        };
    }

    // Each CreateClient call returns a new HttpClient over the pooled handlers, so the default
    // header names this connector's budget only. RateBudgetHandler removes it before sending.
    private HttpClient CreateClient(string toolKey, string? rateBudgetKey)
    {
        var client = httpClients.CreateClient(toolKey);
        if (!string.IsNullOrEmpty(rateBudgetKey))
        {
            client.DefaultRequestHeaders.Add(RateBudgetHandler.ConnectionKeyHeader, rateBudgetKey);
        }

        return client;
    }

    private static ArgumentException UnknownTool(string toolKey) =>
        new($"No connector exists for tool '{toolKey}'; supported tools are '{ToolKeys.Redmine}' and '{ToolKeys.GitHub}'.", nameof(toolKey));
}
