using System.Security.Cryptography;
using Arc.Domain;
using Arc.Domain.Common;
using Arc.Infrastructure;
using Arc.Infrastructure.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arc.Bench;

/// <summary>
/// The domain and infrastructure as the portal registers them, outside Development, on a throw-away database, for the
/// scenarios that call use cases directly. The key vault gets a master key of its own, as each test portal does, so
/// nothing is read from or written to the checkout's .data directory.
/// </summary>
public static class BenchHost
{
    public static async Task<WebApplication> StartAsync(string connectionString, Action<IServiceCollection> services,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = connectionString,
            ["Telemetry:Url"] = "http://127.0.0.1:9/",
            ["Portal:Environment"] = "prod",
            ["Portal:Admin:Password"] = "Bench-Passw0rd!",
            ["KeyVault:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDomain();
        builder.AddInfrastructure();
        builder.Services.AddSingleton<ICorrelation>(new BenchCorrelation());
        services(builder.Services);
        var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return app;
    }

    private sealed class BenchCorrelation : ICorrelation
    {
        public string Id => "bench";
    }
}
