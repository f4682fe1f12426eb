using System.ComponentModel.DataAnnotations;
using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Intake.Mqtt;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.Telemetry;

public sealed class TelemetrySimulatorOptions
{
    public const string Section = "TelemetrySimulator";

    public bool Enabled { get; set; }
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How much history to create on the first start (at <see cref="HistoryStep"/>), aggregated into the 30-minute series too.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "366.00:00:00")]
    public TimeSpan History { get; set; } = TimeSpan.FromDays(30);
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan HistoryStep { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Development only: makes the demo vehicles report like real ones. Each drives a few trips a day on a loop around
/// Eugene, Oregon (speed, state of charge falling while driving and rising while charging, odometer, temperatures,
/// GPS), live every few seconds and, on the first start, for the last 30 days. Live samples go through the portal's MQTT
/// broker when it runs, as a vehicle's would; the history, and everything when the broker is off, is written directly.
/// </summary>
public sealed partial class TelemetrySimulator(IDbContextFactory<ArcDbContext> contexts, ITelemetryStore store, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<TelemetrySimulatorOptions> options, MqttBroker broker, ILogger<TelemetrySimulator> logger) : BackgroundService
{
    private const double EugeneLatitude = 44.0521, EugeneLongitude = -123.0868;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
            return;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(stoppingToken);
            var vins = await db.Set<Vehicle>().Where(v => v.Vin.StartsWith("DEV-")).OrderBy(v => v.Vin).Select(v => v.Vin).Take(100).ToListAsync(stoppingToken);
            if (vins.Count == 0)
                return;
            var now = time.GetUtcNow();
            if ((await store.LatestStatesAsync([vins[0]], stoppingToken))[0].LastReport is null)
            {
                LogBackfill(logger, vins.Count, settings.History.TotalDays);
                for (var at = now - settings.History; at < now; at += TimeSpan.FromHours(12))
                {
                    var samples = new List<TelemetrySample>();
                    for (var t = at; t < at + TimeSpan.FromHours(12) && t < now; t += settings.HistoryStep)
                        samples.AddRange(vins.Select((vin, i) => Sample(vin, i, t)));
                    await store.WriteAsync(samples, stoppingToken);
                }
                await store.DownsampleAsync(now - settings.History, now, stoppingToken);
            }
            using var link = await SimulatorLink.ConnectAsync(broker, stoppingToken);
            using var timer = new PeriodicTimer(settings.Interval, time);
            do
            {
                var t = time.GetUtcNow();
                var samples = vins.Select((vin, i) => Sample(vin, i, t)).ToList();
                if (link is null)
                    await store.WriteAsync(samples, stoppingToken);
                else if (await link.PublishAsync(samples, stoppingToken) is > 0 and var refused)
                    LogRefused(logger, refused);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogFailure(logger, e);
        }
    }

    /// <summary>A vehicle's state at a moment, a pure function of the vehicle's index and the time (so history and live agree).</summary>
    public static TelemetrySample Sample(string vin, int index, DateTimeOffset at)
    {
        var hours = at.ToUnixTimeSeconds() / 3600.0;
        // Three trips a day of about an hour; the phase differs per vehicle.
        var shifted = hours + index * 1.7;
        var dayPhase = shifted % 24;
        var day = Math.Floor(shifted / 24);
        var driving = dayPhase is >= 8 and < 9 or >= 12.5 and < 13.3 or >= 17 and < 18;
        var speed = driving ? 35 + 25 * Math.Sin(hours * 40 + index) * Math.Sin(hours * 7) : 0;
        speed = Math.Max(0, speed);
        // Charge: falls through the day's trips from 95 %, recharges overnight.
        var soc = dayPhase < 7 ? 40 + dayPhase * 7.5 : Math.Max(20, 95 - (dayPhase - 7) * 3.2);
        // 75 km a day: 30, 15 and 30 km over the three trips, so the odometer only ever rises.
        var today = Trip(dayPhase, 8, 9, 30) + Trip(dayPhase, 12.5, 13.3, 15) + Trip(dayPhase, 17, 18, 30);
        var odometer = 1500 + index * 900 + (day - 20_000) * 75 + today;
        var angle = hours * 2 * Math.PI / 1.3 + index;
        var radius = 0.02 + index % 5 * 0.006;
        var fields = new Dictionary<string, double>
        {
            ["speed"] = Math.Round(speed, 1),
            ["bms_pack_soc"] = Math.Round(soc, 1),
            ["odometer"] = Math.Round(odometer, 1),
            ["ambient_temp"] = Math.Round(9 + 7 * Math.Sin((hours % 24 - 9) / 24 * 2 * Math.PI), 1),
            ["controller_1_motor_temperature"] = Math.Round(25 + speed * 0.6, 0),
            ["bms_pack_current"] = Math.Round(driving ? -speed * 4 : dayPhase < 7 ? 120 : 0, 0),
            ["lv_voltage_1"] = 138,
            ["gps_latitude"] = Math.Round(EugeneLatitude + radius * Math.Sin(angle), 6),
            ["gps_longitude"] = Math.Round(EugeneLongitude + radius * 1.4 * Math.Cos(angle), 6),
        };
        return new TelemetrySample(vin, at, fields);
    }

    private static double Trip(double phase, double start, double end, double km) =>
        phase <= start ? 0 : phase >= end ? km : km * (phase - start) / (end - start);

    [LoggerMessage(Level = LogLevel.Information, Message = "Writing {Days} days of demo telemetry for {Vehicles} vehicles")]
    private static partial void LogBackfill(ILogger logger, int vehicles, double days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The MQTT broker refused {Count} simulated messages")]
    private static partial void LogRefused(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The telemetry simulator stopped")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
