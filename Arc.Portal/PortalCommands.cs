using System.Globalization;
using Arc.Domain;
using Arc.Infrastructure;
using Arc.Infrastructure.Authorities;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Seeding;

namespace Arc.Portal;

/// <summary>
/// Maintenance commands run with the portal's own configuration instead of serving: <c>dotnet Arc.Portal.dll reseal</c>
/// (or <c>scripts/reseal.sh</c>). Settings come as for the portal itself (appsettings, environment, <c>--Key=value</c>).
/// </summary>
public static class PortalCommands
{
    public const string Reseal = "reseal";

    public static bool IsCommand(string[] args) => args is [Reseal, ..];

    /// <returns>The process exit code: 0 on success, 1 when a value did not open, 2 for an unknown command.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, Action<WebApplicationBuilder>? configure = null, CancellationToken ct = default)
    {
        if (!IsCommand(args))
        {
            await output.WriteLineAsync($"Unknown command. Commands: {Reseal}.");
            return 2;
        }
        // The portal's services and configuration, without its web pipeline.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args[1..] });
        configure?.Invoke(builder);
        builder.Services.AddDomain();
        builder.AddInfrastructure();
        var app = builder.Build();
        var servers = app.Services.GetService<EmbeddedServers>();
        try
        {
            return await ResealAsync(app.Services, output, ct);
        }
        finally
        {
            await app.DisposeAsync();
            if (servers is not null)
                await servers.DisposeAsync();
        }
    }

    /// <summary>
    /// Brings the database to this version's schema, then re-seals every sealed value under the key vault's current
    /// master key (binding old values to their row) and seals any value still stored plain. Run it after adding a new
    /// master key version and making it current; once it reports no failures, the old key can be removed.
    /// </summary>
    private static async Task<int> ResealAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
        var counts = await services.GetRequiredService<SecretResealer>().ResealAllAsync(ct);
        await output.WriteLineAsync("Re-sealed the database's secrets under the key vault's current key.");
        await output.WriteLineAsync(Row("Kind", "Examined", "From plain", "Re-sealed", "Current", "Failed"));
        foreach (var c in counts)
            await output.WriteLineAsync(Row(c.Kind, N(c.Examined), N(c.SealedFromPlain), N(c.Resealed), N(c.Current), N(c.Failed)));
        var failed = counts.Sum(c => c.Failed);
        await output.WriteLineAsync(failed == 0
            ? "Every sealed value is now under the current key."
            : $"{failed} value(s) did not open and were left as they were (see the log); keep the old master keys until they are resolved.");
        return failed == 0 ? 0 : 1;
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Row(string kind, string examined, string plain, string resealed, string current, string failed) =>
        $"{kind,-24}{examined,10}{plain,12}{resealed,11}{current,9}{failed,8}";
}
