using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Audit.Forwarding;

internal static class AuditForwardingRegistration
{
    /// <summary>Adds the forwarder when "AuditForwarding:Enabled" is true and this process runs jobs; invalid settings stop the start.</summary>
    public static void AddAuditForwarding(this IServiceCollection services, IConfiguration configuration, bool runJobs)
    {
        var options = configuration.GetSection(AuditForwardingOptions.SectionName).Get<AuditForwardingOptions>() ?? new AuditForwardingOptions();
        if (!options.Enabled)
        {
            return;
        }

        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }

        if (!runJobs)
        {
            return;
        }

        services.AddSingleton(options);
        if (options.Sink == "http")
        {
            services.AddHttpClient(nameof(HttpAuditSink), client => client.Timeout = TimeSpan.FromSeconds(30));
            services.AddSingleton<IAuditEventSink>(sp => new HttpAuditSink(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HttpAuditSink)), options.Url!));
        }
        else
        {
            services.AddSingleton<IAuditEventSink>(new SyslogAuditSink(options.SyslogHost!, options.SyslogPort, options.SyslogProtocol));
        }

        services.AddSingleton<AuditForwarder>();
        services.AddHostedService<AuditForwardingService>();
    }
}
