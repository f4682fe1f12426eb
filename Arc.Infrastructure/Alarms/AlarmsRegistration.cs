using Arc.Domain.Alarms;
using Arc.Domain.Intake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Alarms;

internal static class AlarmsRegistration
{
    /// <summary>The alarm engine (an intake observer), the lifecycle and notifications, and the webhook's HTTP sender.</summary>
    internal static IHostApplicationBuilder AddAlarms(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AlarmSettings>().BindConfiguration(AlarmSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlarmSettings>>().Value);
        services.AddSingleton<AlarmEngine>();
        services.AddHostedService<AlarmEngineStarter>();
        services.AddSingleton<IIntakeObserver>(sp => sp.GetRequiredService<AlarmEngine>());
        services.AddScoped<AlarmLifecycle>();
        services.AddScoped<AlarmNotifications>();
        services.AddScoped<AlarmWebhooks>();
        services.AddHttpClient<IAlarmWebhookSender, HttpAlarmWebhookSender>(client => client.Timeout = TimeSpan.FromSeconds(10));
        return builder;
    }
}

/// <summary>Starts the engine's listening for rule changes with the portal, not with the first batch.</summary>
internal sealed class AlarmEngineStarter(AlarmEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        engine.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
