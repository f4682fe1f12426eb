using Arc.Domain.Intake;
using Arc.Infrastructure.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Arc.Infrastructure.Intake.Mqtt;

internal static class MqttRegistration
{
    /// <summary>
    /// The portal's MQTT broker (on by default in Development only, its plain endpoint likewise) and the way replies
    /// reach vehicles: through the broker when connected to it, else AWS IoT Core when configured, else nowhere (logged).
    /// </summary>
    internal static IHostApplicationBuilder AddMqttBroker(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var development = builder.Environment.IsDevelopment();
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o =>
            {
                o.Enabled = o.Enabled || (development && configuration[$"{MqttOptions.Section}:Enabled"] is null);
                o.PlainEnabled = o.PlainEnabled || (development && configuration[$"{MqttOptions.Section}:PlainEnabled"] is null);
            });
        services.AddSingleton<MqttBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttBroker>());

        var aws = AwsRegistration.Read(configuration);
        if (aws.IotDataEndpoint is { } endpoint)
        {
            services.AddHttpClient(nameof(AwsDeviceReplies), client =>
                {
                    client.BaseAddress = new Uri(endpoint.ToString().TrimEnd('/') + "/");
                    client.Timeout = TimeSpan.FromSeconds(20);
                })
                .SignedFor(aws.Region, AwsDeviceReplies.SigningName);
            services.AddSingleton<IDeviceReplies>(sp => new BrokerFirstDeviceReplies(sp.GetRequiredService<MqttBroker>(),
                new AwsDeviceReplies(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AwsDeviceReplies)), sp.GetRequiredService<TimeProvider>())));
        }
        else
        {
            services.AddSingleton<IDeviceReplies>(sp => new BrokerFirstDeviceReplies(sp.GetRequiredService<MqttBroker>(),
                ActivatorUtilities.CreateInstance<UndeliveredDeviceReplies>(sp)));
        }
        return builder;
    }
}
