using System.Net.Http.Headers;
using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Users;
using Arc.Domain.Authorities;
using Arc.Domain.Shadows;
using Arc.Infrastructure.Authorities;
using Arc.Infrastructure.Aws;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Shadows;
using Arc.Infrastructure.Health;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Provisioning;
using Arc.Infrastructure.Seeding;
using Arc.Infrastructure.Telemetry;
using Arc.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    public const string ConnectionStringName = "Portal";
    public const string TelemetryClient = "telemetry";

    /// <summary>
    /// Registers persistence, adapters and seeding. In Development, when no PostgreSQL connection string or
    /// telemetry URL is configured, starts the embedded servers first and points the configuration at them.
    /// </summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var needPostgres = string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName));
        var needInflux = string.IsNullOrWhiteSpace(configuration[$"{TelemetryOptions.Section}:Url"]);
        if (needPostgres || needInflux)
        {
            if (!builder.Environment.IsDevelopment())
                throw new InvalidOperationException(
                    $"Configure ConnectionStrings:{ConnectionStringName} and {TelemetryOptions.Section}:Url; only in Development does the portal start its own servers.");
            var options = configuration.GetSection(DevServicesOptions.Section).Get<DevServicesOptions>() ?? new DevServicesOptions();
            var directory = Path.Combine(EmbeddedServers.RepositoryRoot(builder.Environment.ContentRootPath), options.DataDirectory);
            var servers = EmbeddedServers.StartAsync(directory, needPostgres, needInflux, options, throwAway: false)
                .GetAwaiter().GetResult();
            if (servers.Postgres is { } pg)
                configuration[$"ConnectionStrings:{ConnectionStringName}"] = pg.ConnectionString;
            if (servers.Influx is { } influx)
                configuration[$"{TelemetryOptions.Section}:Url"] = influx.Url.ToString();
            builder.Services.AddSingleton(servers);
        }

        var environment = DeploymentEnvironmentExtensions.Parse(
            configuration["Portal:Environment"] ?? (builder.Environment.IsProduction() ? "prod" : "dev"));
        // Links in emails: Portal:PublicUrl, else the first address the portal listens on (when it names a real port).
        var publicUrl = configuration["Portal:PublicUrl"] ?? configuration["ASPNETCORE_URLS"]?.Split(';')[0] ?? configuration["urls"]?.Split(';')[0];
        var url = !string.IsNullOrWhiteSpace(publicUrl) && Uri.TryCreate(publicUrl.TrimEnd('/') + "/", UriKind.Absolute, out var parsed)
            && parsed.Scheme is "http" or "https" && parsed.Port != 0 ? parsed : null;
        builder.Services.AddSingleton(new PortalEnvironment(environment, url));

        var connectionString = configuration.GetConnectionString(ConnectionStringName)!;
        builder.Services.AddSingleton<SideEffects.OutboxSignal>();
        builder.Services.AddDbContextFactory<ArcDbContext>((sp, o) => o
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly("Arc.Migrations"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<SideEffects.OutboxSignal>()));
        builder.Services.AddSingleton<IArcDataFactory, ArcDataFactory>();

        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(TelemetryClient, (sp, client) =>
        {
            var telemetry = sp.GetRequiredService<IOptions<TelemetryOptions>>().Value;
            client.BaseAddress = telemetry.Url;
            client.Timeout = TimeSpan.FromSeconds(30);
            if (!string.IsNullOrEmpty(telemetry.Username))
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{telemetry.Username}:{telemetry.Password}")));
        });

        builder.Services.AddSingleton<Arc.Domain.Telemetry.ITelemetryStore, InfluxTelemetryStore>();
        builder.Services.AddOptions<Arc.Domain.Telemetry.TelemetryExportOptions>().BindConfiguration(Arc.Domain.Telemetry.TelemetryExportOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<Arc.Domain.Telemetry.TelemetryExportOptions>>().Value);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<IPasswordHashing, AspNetPasswordHashing>();
        builder.Services.AddOptions<PasswordOptions>().BindConfiguration(PasswordOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new PasswordPolicy(sp.GetRequiredService<IOptions<PasswordOptions>>().Value.MinLength));
        builder.Services.AddSingleton<AccountStateStore>();
        builder.Services.AddOptions<PasswordResetOptions>().BindConfiguration(PasswordResetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<PasswordResetOptions>>().Value);
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        builder.Services.AddSingleton<Security.RateLimitCounters>();
        builder.Services.AddScoped<IRateLimits, Security.InMemoryRateLimits>();

        builder.Services.AddOptions<FirstAdministratorOptions>().BindConfiguration(FirstAdministratorOptions.Section);
        builder.Services.AddOptions<KeyVaultOptions>().BindConfiguration(KeyVaultOptions.Section).ValidateDataAnnotations()
            .PostConfigure(o =>
            {
                if (string.IsNullOrEmpty(o.MasterKey) && string.IsNullOrEmpty(o.MasterKeyFile) && builder.Environment.IsDevelopment())
                    o.MasterKeyFile = Path.Combine(EmbeddedServers.RepositoryRoot(builder.Environment.ContentRootPath), ".data", "keyvault.key");
            });
        builder.Services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section);
        builder.Services.AddSingleton<IAwsCredentialSource, DefaultAwsCredentialSource>();
        var aws = configuration.GetSection(AwsOptions.Section).Get<AwsOptions>() ?? new AwsOptions();
        if (string.Equals(configuration[$"{KeyVaultOptions.Section}:Provider"], "kms", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrEmpty(aws.KmsKeyId))
                throw new InvalidOperationException("KeyVault:Provider is kms but Aws:KmsKeyId is not set.");
            builder.Services.AddSingleton<IKeyVault>(_ => new KmsKeyVault(
                new Amazon.KeyManagementService.AmazonKeyManagementServiceClient(Amazon.RegionEndpoint.GetBySystemName(aws.Region)), aws.KmsKeyId));
        }
        else
        {
            builder.Services.AddSingleton<IKeyVault, LocalKeyVault>();
        }
        if (aws.IotDataEndpoint is { } endpoint)
        {
            builder.Services.AddHttpClient<IDeviceShadows, AwsDeviceShadows>(client =>
                {
                    client.BaseAddress = new Uri(endpoint.ToString().TrimEnd('/') + "/");
                    client.Timeout = TimeSpan.FromSeconds(20);
                })
                .AddHttpMessageHandler(sp => new SigV4Handler(sp.GetRequiredService<IAwsCredentialSource>(), aws.Region,
                    AwsDeviceShadows.SigningName, sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            builder.Services.TryAddSingleton<IDeviceShadows, LocalDeviceShadows>();
        }
        builder.Services.AddOptions<DeviceSimulatorOptions>().BindConfiguration(DeviceSimulatorOptions.Section)
            .PostConfigure(o => o.Enabled = o.Enabled || (builder.Environment.IsDevelopment() && configuration[$"{DeviceSimulatorOptions.Section}:Enabled"] is null));
        builder.Services.AddSingleton<DeviceSimulator>();
        builder.Services.AddOptions<TelemetrySimulatorOptions>().BindConfiguration(TelemetrySimulatorOptions.Section)
            .PostConfigure(o => o.Enabled = o.Enabled || (builder.Environment.IsDevelopment() && configuration[$"{TelemetrySimulatorOptions.Section}:Enabled"] is null));
        builder.Services.AddHostedService<TelemetrySimulator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeviceSimulator>());
        if (aws.IotControlEndpoint is { } control)
        {
            if (aws.IotDataEndpoint is null || string.IsNullOrEmpty(aws.RootCaPemFile))
                throw new InvalidOperationException("Aws:IotControlEndpoint needs Aws:IotDataEndpoint and Aws:RootCaPemFile for the identity files.");
            var rootCa = File.ReadAllText(aws.RootCaPemFile);
            builder.Services.AddHttpClient(nameof(AwsDeviceRegistry), client => client.BaseAddress = new Uri(control.ToString().TrimEnd('/') + "/"))
                .AddHttpMessageHandler(sp => new SigV4Handler(sp.GetRequiredService<IAwsCredentialSource>(), aws.Region,
                    AwsDeviceRegistry.SigningName, sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddSingleton<Arc.Domain.Provisioning.IDeviceRegistry>(sp => new AwsDeviceRegistry(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AwsDeviceRegistry)), sp.GetRequiredService<TimeProvider>(),
                aws.IotDataEndpoint.Host, rootCa));
        }
        else
        {
            builder.Services.AddSingleton<Arc.Infrastructure.Provisioning.LocalDeviceRegistry>();
            builder.Services.TryAddSingleton<Arc.Domain.Provisioning.IDeviceRegistry>(sp => sp.GetRequiredService<Arc.Infrastructure.Provisioning.LocalDeviceRegistry>());
        }
        var email = Email.EmailOptions.Read(configuration);
        // The Mail outbox page masks secrets; in Development the local mailbox is where an invitation's password is read.
        if (email.PickupDirectory is null && builder.Environment.IsDevelopment())
            email.PickupDirectory = Path.Combine(EmbeddedServers.RepositoryRoot(builder.Environment.ContentRootPath), ".data", "mail");
        switch (email.Provider.ToLowerInvariant())
        {
            case "ses":
                builder.Services.AddHttpClient(nameof(Email.SesEmailSender), client =>
                        client.BaseAddress = new Uri((email.SesEndpoint?.ToString() ?? $"https://email.{aws.Region}.amazonaws.com").TrimEnd('/') + "/"))
                    .AddHttpMessageHandler(sp => new SigV4Handler(sp.GetRequiredService<IAwsCredentialSource>(), aws.Region,
                        Email.SesEmailSender.SigningName, sp.GetRequiredService<TimeProvider>()));
                builder.Services.TryAddSingleton<Arc.Domain.Email.IEmailSender>(sp => new Email.SesEmailSender(
                    sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(Email.SesEmailSender)), email,
                    sp.GetRequiredService<IArcDataFactory>(), sp.GetRequiredService<TimeProvider>()));
                break;
            case "smtp":
                if (string.IsNullOrWhiteSpace(email.SmtpHost))
                    throw new InvalidOperationException("Email:Provider is smtp but Email:SmtpHost is not set.");
                builder.Services.TryAddSingleton<Arc.Domain.Email.IEmailSender>(new Email.SmtpEmailSender(email));
                break;
            case "outbox" when !string.IsNullOrWhiteSpace(email.PickupDirectory):
                builder.Services.TryAddSingleton<Arc.Domain.Email.IEmailSender>(new Email.PickupDirectoryEmailSender(email));
                break;
            case "outbox":
                builder.Services.TryAddSingleton<Arc.Domain.Email.IEmailSender, Arc.Domain.Email.OutboxOnlySender>();
                break;
            default:
                throw new InvalidOperationException($"Email:Provider must be outbox, smtp or ses, not '{email.Provider}'.");
        }
        builder.Services.AddOptions<Jobs.JobsOptions>().BindConfiguration(Jobs.JobsOptions.Section);
        builder.Services.AddSingleton(sp => new Jobs.HangfireJobs(connectionString, sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IOptions<Jobs.JobsOptions>>()));
        builder.Services.AddSingleton<Arc.Domain.Jobs.IBackgroundJobs>(sp => sp.GetRequiredService<Jobs.HangfireJobs>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Jobs.HangfireJobs>());
        builder.Services.AddScoped<Jobs.JobDispatcher>();
        builder.Services.AddOptions<Arc.Domain.SideEffects.OutboxOptions>().BindConfiguration(Arc.Domain.SideEffects.OutboxOptions.Section);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<Arc.Domain.SideEffects.OutboxOptions>>().Value);
        builder.Services.AddSingleton<SideEffects.OutboxWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SideEffects.OutboxWorker>());
        builder.Services.AddOptions<Arc.Domain.Sagas.SagaOptions>().BindConfiguration(Arc.Domain.Sagas.SagaOptions.Section);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<Arc.Domain.Sagas.SagaOptions>>().Value);
        builder.Services.AddHostedService<SideEffects.SagaRecoveryService>();
        if (configuration[Provisioning.CrashDrillFaults.Setting] is { Length: > 0 } killAfter)
        {
            if (!builder.Environment.IsDevelopment())
                throw new InvalidOperationException($"{Provisioning.CrashDrillFaults.Setting} is a drill for Development only.");
            builder.Services.AddSingleton<Arc.Domain.Provisioning.IProvisioningFaults>(new Provisioning.CrashDrillFaults(killAfter));
        }
        if (!string.IsNullOrEmpty(aws.CognitoUserPoolId))
        {
            builder.Services.AddHttpClient(nameof(CognitoUserDirectory), client =>
                    client.BaseAddress = new Uri((aws.CognitoEndpoint?.ToString() ?? $"https://cognito-idp.{aws.Region}.amazonaws.com").TrimEnd('/') + "/"))
                .AddHttpMessageHandler(sp => new SigV4Handler(sp.GetRequiredService<IAwsCredentialSource>(), aws.Region,
                    CognitoUserDirectory.SigningName, sp.GetRequiredService<TimeProvider>()));
            builder.Services.TryAddSingleton<IUserDirectory>(sp => new CognitoUserDirectory(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CognitoUserDirectory)), aws.CognitoUserPoolId, sp.GetRequiredService<TimeProvider>()));
        }
        builder.Services.TryAddSingleton<IUserDirectory, LocalUserDirectory>();
        builder.Services.AddSingleton<IAvatarImages, SkiaAvatarImages>();
        builder.Services.AddSingleton(sp => new FirstAdministratorNotice(sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<IOptions<FirstAdministratorOptions>>(), Console.Out));
        builder.Services.AddSingleton<SecretResealer>();
        builder.Services.AddSingleton<DatabaseInitializer>();
        builder.Services.AddSingleton<DemoData>();
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql")
            .AddCheck<InfluxHealthCheck>("influxdb");
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HealthReportCache>();
        return builder;
    }

    /// <summary>Migrates and seeds the database, prepares the telemetry store and, when asked, writes demo data.</summary>
    public static async Task InitializeStoresAsync(this IServiceProvider services, bool seedDemoData, CancellationToken ct = default)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        var telemetry = services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(TelemetryClient);
        await InfluxSchema.EnsureAsync(http, telemetry.Database, ct);
        if (seedDemoData)
            await services.GetRequiredService<DemoData>().SeedAsync(ct);
    }
}
