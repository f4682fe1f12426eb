using Arc.Domain.Provisioning;
using Arc.Infrastructure.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Arc.Infrastructure.Provisioning;

internal static class ProvisioningRegistration
{
    /// <summary>The device registry (AWS IoT when Aws:IotControlEndpoint is set, else the local CA), and the Development crash drill.</summary>
    internal static IHostApplicationBuilder AddProvisioning(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var aws = AwsRegistration.Read(builder.Configuration);
        if (aws.IotControlEndpoint is { } control)
        {
            if (aws.IotDataEndpoint is null || string.IsNullOrEmpty(aws.RootCaPemFile))
                throw new InvalidOperationException("Aws:IotControlEndpoint needs Aws:IotDataEndpoint and Aws:RootCaPemFile for the identity files.");
            var rootCa = File.ReadAllText(aws.RootCaPemFile);
            services.AddHttpClient(nameof(AwsDeviceRegistry), client => client.BaseAddress = new Uri(control.ToString().TrimEnd('/') + "/"))
                .SignedFor(aws.Region, AwsDeviceRegistry.SigningName);
            services.AddSingleton<IDeviceRegistry>(sp => new AwsDeviceRegistry(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AwsDeviceRegistry)), sp.GetRequiredService<TimeProvider>(),
                aws.IotDataEndpoint.Host, rootCa));
        }
        else
        {
            services.AddSingleton<LocalDeviceRegistry>();
            services.TryAddSingleton<IDeviceRegistry>(sp => sp.GetRequiredService<LocalDeviceRegistry>());
        }
        if (builder.Configuration[CrashDrillFaults.Setting] is { Length: > 0 } killAfter)
        {
            if (!builder.Environment.IsDevelopment())
                throw new InvalidOperationException($"{CrashDrillFaults.Setting} is a drill for Development only.");
            services.AddSingleton<IProvisioningFaults>(new CrashDrillFaults(killAfter));
        }
        return builder;
    }
}
