using Arc.Domain.Shadows;
using Arc.Infrastructure.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Arc.Infrastructure.Shadows;

internal static class ShadowsRegistration
{
    /// <summary>Device shadows on AWS IoT when Aws:IotDataEndpoint is set, else in PostgreSQL; in Development, simulated vehicles answer them.</summary>
    internal static IHostApplicationBuilder AddShadows(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var aws = AwsRegistration.Read(builder.Configuration);
        if (aws.IotDataEndpoint is { } endpoint)
        {
            services.AddHttpClient<IDeviceShadows, AwsDeviceShadows>(client =>
                {
                    client.BaseAddress = new Uri(endpoint.ToString().TrimEnd('/') + "/");
                    client.Timeout = TimeSpan.FromSeconds(20);
                })
                .SignedFor(aws.Region, AwsDeviceShadows.SigningName);
        }
        else
        {
            services.TryAddSingleton<IDeviceShadows, LocalDeviceShadows>();
        }
        var configuration = builder.Configuration;
        services.AddOptions<DeviceSimulatorOptions>().BindConfiguration(DeviceSimulatorOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.Enabled = o.Enabled || (builder.Environment.IsDevelopment() && configuration[$"{DeviceSimulatorOptions.Section}:Enabled"] is null));
        services.AddSingleton<DeviceSimulator>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceSimulator>());
        return builder;
    }
}
