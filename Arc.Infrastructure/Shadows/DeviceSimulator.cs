using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Arc.Domain.Shadows;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.Shadows;

public sealed class DeviceSimulatorOptions
{
    public const string Section = "DeviceSimulator";

    public bool Enabled { get; set; }
    /// <summary>How long a simulated vehicle takes to act on a new desired state.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ReportDelay { get; set; } = TimeSpan.FromSeconds(3);
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Development only: plays the vehicle side of the shadows for the portal's own vehicles. A vehicle whose shadow has
/// a delta reports the desired state back after a short delay, so the sync status moves from pending to synchronized
/// as it would with a real vehicle.
/// </summary>
public sealed partial class DeviceSimulator(IDbContextFactory<ArcDbContext> contexts, IDeviceShadows shadows, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<DeviceSimulatorOptions> options, ILogger<DeviceSimulator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReportDueAsync(settings.ReportDelay, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailure(logger, e);
            }
            await Task.Delay(settings.PollInterval, time, stoppingToken);
        }
    }

    public async Task<int> ReportDueAsync(TimeSpan delay, CancellationToken ct)
    {
        var due = time.GetUtcNow() - delay;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var candidates = await db.Set<StoredShadow>().AsNoTracking()
            .Where(s => s.Updated <= due && db.Set<Vehicle>().Any(v => v.Vin == s.ThingName))
            .Where(s => s.HasDelta)
            .OrderBy(s => s.Updated).Select(s => s.ThingName).Take(50).ToListAsync(ct);
        var reported = 0;
        foreach (var vin in candidates)
        {
            var shadow = await shadows.GetAsync(vin, ct);
            if (shadow?.Delta is null)
                continue;
            await shadows.UpdateAsync(vin, new ShadowUpdate(null, (JsonObject)shadow.Desired.DeepClone()), ct);
            reported++;
        }
        return reported;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The device simulator could not report a shadow")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
