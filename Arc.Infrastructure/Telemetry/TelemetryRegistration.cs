using System.Net.Http.Headers;
using System.Text;
using Arc.Domain.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Telemetry;

internal static class TelemetryRegistration
{
    /// <summary>The InfluxDB store and its HTTP client, exports, and (in Development) the simulated vehicles' telemetry.</summary>
    internal static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(InfrastructureServiceCollectionExtensions.TelemetryClient, (sp, client) =>
        {
            var telemetry = sp.GetRequiredService<IOptions<TelemetryOptions>>().Value;
            client.BaseAddress = telemetry.Url;
            client.Timeout = TimeSpan.FromSeconds(30);
            if (!string.IsNullOrEmpty(telemetry.Username))
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{telemetry.Username}:{telemetry.Password}")));
        });
        services.AddSingleton<InfluxTelemetryStore>();
        services.AddSingleton<ITelemetryStore, AnnouncingTelemetryStore>();
        services.AddSingleton<LatestTelemetryTable>();
        services.AddSingleton<ILatestTelemetry>(sp => sp.GetRequiredService<LatestTelemetryTable>());
        services.AddHostedService<LatestTelemetryFlusher>();
        services.AddOptions<TelemetryExportOptions>().BindConfiguration(TelemetryExportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TelemetryExportOptions>>().Value);

        var configuration = builder.Configuration;
        services.AddOptions<TelemetrySimulatorOptions>().BindConfiguration(TelemetrySimulatorOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.Enabled = o.Enabled || (builder.Environment.IsDevelopment() && configuration[$"{TelemetrySimulatorOptions.Section}:Enabled"] is null));
        services.AddHostedService<TelemetrySimulator>();
        return builder;
    }
}
