using System.Net;
using System.Net.Sockets;
using Arc.Domain.Common;
using Arc.Domain.Telemetry;
using Arc.Infrastructure;
using Arc.Infrastructure.Seeding;
using Arc.Infrastructure.Telemetry;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Integration;

public sealed class TelemetryExportTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<TelemetryExport> AddExportAsync(string vin, string points, string actor)
    {
        await using var db = portal.CreateDb();
        var now = DateTimeOffset.UtcNow;
        var export = new TelemetryExport { Vin = vin, Points = points, From = now.AddHours(-2), To = now, Actor = actor, Created = now };
        db.ExportSet.Add(export);
        await db.SaveChangesAsync();
        return export;
    }

    private async Task<TelemetryExport> ReadAsync(long id)
    {
        await using var db = portal.CreateDb();
        return await db.ExportSet.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    /// <summary>The real InfluxDB adapter, pointed at a port where nothing listens.</summary>
    private static (InfluxTelemetryStore Store, ServiceProvider Services) UnreachableStore()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var services = new ServiceCollection();
        services.AddHttpClient(InfrastructureServiceCollectionExtensions.TelemetryClient, c => c.BaseAddress = new Uri($"http://127.0.0.1:{port}/"));
        var provider = services.BuildServiceProvider();
        return (new InfluxTelemetryStore(provider.GetRequiredService<IHttpClientFactory>(), Options.Create(new TelemetryOptions { Url = new Uri($"http://127.0.0.1:{port}/") })),
            provider);
    }

    [Fact]
    public async Task An_export_the_telemetry_store_cannot_serve_fails_with_a_plain_message_and_a_reference()
    {
        var admin = await portal.AdminUsernameAsync();
        var export = await AddExportAsync("DEV-" + DemoData.MakeVin('D', 'M', 82), "speed", admin);
        var (store, services) = UnreachableStore();
        await using (services)
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var job = new RunTelemetryExport(portal.Services.GetRequiredService<IArcDataFactory>(), store,
                scope.ServiceProvider.GetRequiredService<UserSafeErrors>(), TimeProvider.System);
            await job.RunAsync(export.Id, CancellationToken.None);
        }

        var failed = await ReadAsync(export.Id);
        var error = failed.Error ?? "";
        Assert.Equal(BackfillStatus.Failed, failed.Status);
        Assert.Null(failed.Content);
        Assert.StartsWith("The telemetry store cannot be reached right now; try again later (reference ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", error, StringComparison.Ordinal);
        // The detail is in the log, under the same reference.
        var reference = error[(error.IndexOf("(reference ", StringComparison.Ordinal) + 11)..^2];
        Assert.Contains(portal.Log.Entries, e => e.Contains(reference, StringComparison.Ordinal) && e.Contains("HttpRequestException", StringComparison.Ordinal));

        // Asking for the file says the same, in the same words.
        await using var user = await portal.AsUserAsync(admin);
        var download = await Assert.ThrowsAsync<ConflictException>(() => user.ServiceProvider.GetRequiredService<TelemetryExports>().DownloadAsync(export.Id));
        Assert.Contains(error, download.Message, StringComparison.Ordinal);
    }
}
