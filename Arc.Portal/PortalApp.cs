using Arc.Domain;
using Arc.Infrastructure;
using Arc.Infrastructure.DevServices;

namespace Arc.Portal;

/// <summary>Builds and runs the portal; the tests build it the same way with their own servers and settings.</summary>
public static class PortalApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        Build(new WebApplicationOptions { Args = args }, configure);

    /// <param name="replace">Registrations that replace the portal's own (tests putting a stand-in where a real part would be).</param>
    public static WebApplication Build(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null, Action<IServiceCollection>? replace = null)
    {
        var builder = WebApplication.CreateBuilder(options);
        configure?.Invoke(builder);
        builder.Services.AddDomain();
        builder.AddInfrastructure();
        builder.AddPortal();
        replace?.Invoke(builder.Services);
        var app = builder.Build();
        app.UsePortal();
        return app;
    }

    /// <summary>Prepares the stores, serves until shutdown, and stops any embedded servers on the way out.</summary>
    public static async Task RunAsync(WebApplication app)
    {
        var servers = app.Services.GetService<EmbeddedServers>();
        try
        {
            await InitializeAsync(app);
            await app.StartAsync();
            foreach (var address in app.Urls)
                Console.WriteLine($"Arc Portal is listening on {address}");
            await app.WaitForShutdownAsync();
        }
        finally
        {
            await app.DisposeAsync();
            if (servers is not null)
                await servers.DisposeAsync();
        }
    }

    public static Task InitializeAsync(WebApplication app, CancellationToken ct = default)
    {
        var seedDemo = app.Configuration.GetValue("Portal:DemoData", app.Environment.IsDevelopment());
        return app.Services.InitializeStoresAsync(seedDemo, ct);
    }
}
