using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Arc.Infrastructure.Health;

internal static class HealthRegistration
{
    /// <summary>The checks /health reports (PostgreSQL and InfluxDB), with the cache that keeps probes cheap.</summary>
    internal static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql")
            .AddCheck<InfluxHealthCheck>("influxdb");
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HealthReportCache>();
        return builder;
    }
}
