using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Arc.Infrastructure.Health;

internal static class HealthRegistration
{
    /// <summary>The checks /health reports (PostgreSQL, InfluxDB and the intake), with the cache that keeps probes cheap.</summary>
    internal static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql")
            .AddCheck<InfluxHealthCheck>("influxdb")
            .AddCheck<IntakeHealthCheck>("intake");
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HealthReportCache>();
        return builder;
    }
}
