using IntegrationPortal.Application.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Notifications;

internal static class NotificationRegistration
{
    /// <summary>Registers the request notifier and the e-mail job, and checks the SMTP settings at start.</summary>
    public static IServiceCollection AddRequestNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(NotificationOptions.SectionName);
        (section.Get<NotificationOptions>() ?? new NotificationOptions()).Smtp.Validate();
        services.Configure<NotificationOptions>(section);
        services.AddScoped<IRequestNotifier, RequestNotifier>();
        services.AddScoped<INotificationMailScheduler, HangfireNotificationMailScheduler>();
        services.AddScoped<NotificationMailJob>();
        return services;
    }
}
