using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Arc.Domain.Intake;
using Arc.Domain.Rollouts;
using Arc.Domain.Shadows;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    /// <summary>Whether simulated vehicles play over-the-air updates through the intake (off by default).</summary>
    public bool PlayFirmwareUpdates { get; set; }
    /// <summary>The share of played updates, in percent, that report a failure instead of installing.</summary>
    [Range(0, 100)]
    public int FirmwareFailurePercent { get; set; }
}

/// <summary>
/// Development only: plays the vehicle side of the shadows for the portal's own vehicles. A vehicle whose shadow has
/// a delta reports the desired state back after a short delay, so the sync status moves from pending to synchronized
/// as it would with a real vehicle. With <see cref="DeviceSimulatorOptions.PlayFirmwareUpdates"/>, a campaign's firmware
/// target is not copied but played through the intake (<see cref="SimulatedFirmwareUpdate"/>), and the firmware and
/// progress the intake records are never written back from the desired state.
/// </summary>
public sealed partial class DeviceSimulator(IDbContextFactory<ArcDbContext> contexts, IDeviceShadows shadows, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<DeviceSimulatorOptions> options, IServiceProvider services, ILogger<DeviceSimulator> logger) : BackgroundService
{
    private SimulatedFirmwareUpdate? _updates;

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
            await ReportAsync(vin, shadow, ct);
            reported++;
        }
        return reported;
    }

    private async Task ReportAsync(string vin, ShadowDocument shadow, CancellationToken ct)
    {
        var settings = options.Value;
        var copy = (JsonObject)shadow.Desired.DeepClone();
        var step = settings.PlayFirmwareUpdates ? SimulatedFirmwareUpdate.Next(shadow) : SimulatedFirmwareUpdate.Step.None;
        if (settings.PlayFirmwareUpdates)
        {
            // What the vehicle reports of its firmware reaches the shadow through the intake only.
            copy.Remove("firmware");
            copy.Remove(CampaignProgressRules.OtaKey);
        }
        if (step == SimulatedFirmwareUpdate.Step.None)
        {
            await shadows.UpdateAsync(vin, new ShadowUpdate(null, copy), ct);
            return;
        }
        // The target stays out of the reported state until the update is done, which keeps the vehicle coming back here.
        copy.Remove(CampaignProgressRules.TargetKey);
        if (shadow.Delta!.Any(k => k.Key != CampaignProgressRules.TargetKey))
            await shadows.UpdateAsync(vin, new ShadowUpdate(null, copy), ct);
        _updates ??= new SimulatedFirmwareUpdate(services.GetRequiredService<IIntakePipeline>(), time);
        var fail = step == SimulatedFirmwareUpdate.Step.Install && Random.Shared.Next(100) < settings.FirmwareFailurePercent;
        await _updates.PlayAsync(vin, shadow, step, fail, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The device simulator could not report a shadow")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
