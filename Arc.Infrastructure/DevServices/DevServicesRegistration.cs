using Arc.Infrastructure.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Arc.Infrastructure.DevServices;

internal static class DevServicesRegistration
{
    /// <summary>
    /// In Development, when no PostgreSQL connection string or telemetry URL is configured, starts the embedded servers
    /// and points the configuration at them; elsewhere a missing one stops the start.
    /// </summary>
    internal static IHostApplicationBuilder AddDevServicesWhenUnconfigured(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var name = InfrastructureServiceCollectionExtensions.ConnectionStringName;
        var needPostgres = string.IsNullOrWhiteSpace(configuration.GetConnectionString(name));
        var needInflux = string.IsNullOrWhiteSpace(configuration[$"{TelemetryOptions.Section}:Url"]);
        if (!needPostgres && !needInflux)
            return builder;
        if (!builder.Environment.IsDevelopment())
            throw new InvalidOperationException(
                $"Configure ConnectionStrings:{name} and {TelemetryOptions.Section}:Url; only in Development does the portal start its own servers.");
        var options = configuration.GetSection(DevServicesOptions.Section).Get<DevServicesOptions>() ?? new DevServicesOptions();
        var directory = Path.Combine(EmbeddedServers.RepositoryRoot(builder.Environment.ContentRootPath), options.DataDirectory);
        var servers = EmbeddedServers.StartAsync(directory, needPostgres, needInflux, options, throwAway: false).GetAwaiter().GetResult();
        if (servers.Postgres is { } pg)
            configuration[$"ConnectionStrings:{name}"] = pg.ConnectionString;
        if (servers.Influx is { } influx)
        {
            configuration[$"{TelemetryOptions.Section}:Url"] = influx.Url.ToString();
            configuration[$"{TelemetryOptions.Section}:MaxValuesPerTag"] = InfluxServer.EmbeddedMaxValuesPerTag.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        builder.Services.AddSingleton(servers);
        return builder;
    }
}
