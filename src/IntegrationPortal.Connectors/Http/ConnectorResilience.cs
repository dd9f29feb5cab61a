using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace IntegrationPortal.Connectors.Http;

/// <summary>Adds the connectors' retry and timeout handlers to a named HttpClient.</summary>
public static class ConnectorResilience
{
    /// <summary>
    /// Adds four handlers, from the outside in. The first turns a response that is still
    /// rate-limited after the retries into a <see cref="Sync.Connectors.ConnectorThrottledException"/>.
    /// The second retries on the options' <see cref="TimeProvider"/>. The third spends the
    /// connection's rate budget (<see cref="RateBudgetHandler"/>). The last is a per-attempt timeout
    /// on the TimeProvider of the service container (the system clock in the portal), so tests can
    /// skip retry waits without making every attempt time out.
    /// The client's own timeout covers the whole request.
    /// </summary>
    /// <param name="builder">The named client; its name is the tool key.</param>
    /// <param name="toolName">The tool's name as people know it, used in messages.</param>
    public static IHttpClientBuilder AddConnectorResilience(this IHttpClientBuilder builder, string toolName)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureHttpClient((services, client) =>
            client.Timeout = services.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value.TotalTimeout);

        builder.AddHttpMessageHandler(services => new ThrottledResponseHandler(
            toolName,
            services.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value,
            services.GetRequiredService<ILoggerFactory>().CreateLogger<ThrottledResponseHandler>()));

        builder.AddResilienceHandler("retry", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>()
                .CreateLogger($"{typeof(ConnectorResilience).FullName}.{builder.Name}");
            var policy = new ConnectorRetryPolicy(options, logger);

            pipeline.TimeProvider = options.TimeProvider;
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(options.MaxAttempts - 1, 0),
                ShouldHandle = arguments =>
                    policy.ShouldRetryAsync(arguments.Outcome, arguments.Context.GetRequestMessage(), arguments.Context.CancellationToken),
                DelayGenerator = async arguments =>
                    await policy.GetDelayAsync(arguments.AttemptNumber, arguments.Outcome, arguments.Context.CancellationToken),
                OnRetry = arguments =>
                {
                    policy.LogRetry(arguments);
                    return ValueTask.CompletedTask;
                },
            });
        });

        builder.AddHttpMessageHandler(services => new RateBudgetHandler(
            builder.Name,
            services.GetRequiredService<ConnectionRateBudgets>(),
            services.GetRequiredService<IOptions<RateBudgetOptions>>().Value,
            services.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value,
            services.GetRequiredService<ILoggerFactory>().CreateLogger<RateBudgetHandler>()));

        builder.AddResilienceHandler("attempt-timeout", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value;
            pipeline.AddTimeout(options.AttemptTimeout);
        });

        return builder;
    }
}
