using Arc.Infrastructure.Alarms;
using Arc.Infrastructure.Authorities;
using Arc.Infrastructure.Aws;
using Arc.Infrastructure.Changes;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Email;
using Arc.Infrastructure.Files;
using Arc.Infrastructure.Health;
using Arc.Infrastructure.InsurerExports;
using Arc.Infrastructure.Intake;
using Arc.Infrastructure.Intake.Mqtt;
using Arc.Infrastructure.Intake.Sqs;
using Arc.Infrastructure.Jobs;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Provisioning;
using Arc.Infrastructure.Security;
using Arc.Infrastructure.Seeding;
using Arc.Infrastructure.Shadows;
using Arc.Infrastructure.SideEffects;
using Arc.Infrastructure.Telemetry;
using Arc.Infrastructure.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    public const string ConnectionStringName = "Portal";
    public const string TelemetryClient = "telemetry";

    /// <summary>
    /// Registers persistence, adapters and seeding, one concern at a time (each in its own folder). In Development,
    /// when no PostgreSQL connection string or telemetry URL is configured, starts the embedded servers first.
    /// </summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.AddDevServicesWhenUnconfigured()
            .AddPortalEnvironment()
            .AddPersistence()
            .AddChangeFeed()
            .AddTelemetry()
            .AddIntake()
            .AddUsers()
            .AddRateLimits()
            .AddAws()
            .AddKeyVault()
            .AddShadows()
            .AddProvisioning()
            .AddEmail()
            .AddFiles()
            .AddInsurerExport()
            .AddJobs()
            .AddSideEffects()
            .AddSqsIntake()
            .AddMqttBroker()
            .AddAlarms()
            .AddSeeding()
            .AddHealth();
        builder.Services.AddMemoryCache();
        return builder;
    }

    /// <summary>Migrates and seeds the database, loads the API clients' certificate authority, prepares the telemetry store and, when asked, writes demo data.</summary>
    public static async Task InitializeStoresAsync(this IServiceProvider services, bool seedDemoData, CancellationToken ct = default)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        await services.GetRequiredService<Credentials.ApiClientAuthority>().LoadAsync(ct);
        var telemetry = services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(TelemetryClient);
        await InfluxSchema.EnsureAsync(http, telemetry.Database, ct);
        if (seedDemoData)
            await services.GetRequiredService<DemoData>().SeedAsync(ct);
    }
}
