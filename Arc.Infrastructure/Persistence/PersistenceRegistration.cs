using Arc.Domain.Common;
using Arc.Infrastructure.SideEffects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Arc.Infrastructure.Persistence;

internal static class PersistenceRegistration
{
    /// <summary>The portal's PostgreSQL database, with the outbox signal told of every commit that queues a side effect
    /// and every command reported to the query meter.</summary>
    internal static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(InfrastructureServiceCollectionExtensions.ConnectionStringName)!;
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<QueryMeterInterceptor>();
        builder.Services.AddDbContextFactory<ArcDbContext>((sp, o) => o
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly("Arc.Migrations"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<OutboxSignal>(), sp.GetRequiredService<QueryMeterInterceptor>()));
        builder.Services.AddSingleton<IArcDataFactory, ArcDataFactory>();
        return builder;
    }

    /// <summary>Which deployment this is, and the address links in emails start with.</summary>
    internal static IHostApplicationBuilder AddPortalEnvironment(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var environment = DeploymentEnvironmentExtensions.Parse(
            configuration["Portal:Environment"] ?? (builder.Environment.IsProduction() ? "prod" : "dev"));
        // Portal:PublicUrl, else the first address the portal listens on (when it names a real port).
        var publicUrl = configuration["Portal:PublicUrl"] ?? configuration["ASPNETCORE_URLS"]?.Split(';')[0] ?? configuration["urls"]?.Split(';')[0];
        var url = !string.IsNullOrWhiteSpace(publicUrl) && Uri.TryCreate(publicUrl.TrimEnd('/') + "/", UriKind.Absolute, out var parsed)
            && parsed.Scheme is "http" or "https" && parsed.Port != 0 ? parsed : null;
        builder.Services.AddSingleton(new PortalEnvironment(environment, url));
        return builder;
    }
}
