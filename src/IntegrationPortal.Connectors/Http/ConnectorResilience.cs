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
    /// Adds two resilience handlers: an outer retry on the options' <see cref="TimeProvider"/> and an
    /// inner per-attempt timeout on the system clock, so tests can skip retry waits without making
    /// every attempt time out. The client's own timeout covers the whole request.
    /// </summary>
    public static IHttpClientBuilder AddConnectorResilience(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureHttpClient((services, client) =>
            client.Timeout = services.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value.TotalTimeout);

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
                    ValueTask.FromResult(policy.ShouldRetry(arguments.Outcome, arguments.Context.GetRequestMessage())),
                DelayGenerator = arguments =>
                    ValueTask.FromResult<TimeSpan?>(policy.GetDelay(arguments.AttemptNumber, arguments.Outcome)),
                OnRetry = arguments =>
                {
                    policy.LogRetry(arguments);
                    return ValueTask.CompletedTask;
                },
            });
        });

        builder.AddResilienceHandler("attempt-timeout", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value;
            pipeline.AddTimeout(options.AttemptTimeout);
        });

        return builder;
    }
}
