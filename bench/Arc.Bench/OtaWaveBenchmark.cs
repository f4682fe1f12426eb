using System.Diagnostics;
using System.Text.Json.Nodes;
using Arc.Domain.Alarms;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Domain.Rollouts;
using Arc.Domain.Shadows;
using Arc.Domain.SideEffects;
using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Seeding;
using Arc.Infrastructure.Shadows;
using Arc.Infrastructure.SideEffects;
using Arc.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Arc.Bench;

/// <summary>
/// An over-the-air wave of 10,000 vehicles on the local shadow adapter. The campaign's population is twice the wave
/// (waves of 50 % and 100 %), so the health gate has a group not yet updated to compare with. Measured: one round of
/// AdvanceCampaigns that checks and dispatches the first wave (outbox rows), then the time until the outbox worker has
/// published every shadow; the health gate over the wave once it is marked installed and alarms are raised on both
/// groups (CampaignHealthGate.FiguresAsync, and one advancing round in the soak window); and the baseline, the same
/// desired documents written to the same vehicles' shadows straight through IDeviceShadows, one after another.
/// </summary>
public static class OtaWaveBenchmark
{
    public static async Task RunAsync(BenchRun run)
    {
        var size = (int)run.Size(10_000, 200);
        var (warmup, iterations) = run.Pick((2, 10), (1, 3));
        await using var servers = await EmbeddedServers.StartAsync(BenchRun.TempDirectory(), postgres: true, influx: false,
            new DevServicesOptions { PostgresPort = 0, Database = "arc_bench" }, throwAway: true);
        await using var app = await BenchHost.StartAsync(servers.Postgres!.ConnectionString, services => services.AddSingleton<ICurrentUser>(new CampaignDesk()));
        var sp = app.Services;
        var contexts = sp.GetRequiredService<IDbContextFactory<ArcDbContext>>();

        var seedClock = Stopwatch.StartNew();
        var vins = Enumerable.Range(0, 2 * size).Select(i => DemoData.MakeVin((char)('A' + i / 90_000), 'W', i % 90_000 + 1)).ToList();
        var fleetId = await SeedAsync(sp, vins);
        int campaignId;
        await using (var scope = sp.CreateAsyncScope())
        {
            campaignId = await scope.ServiceProvider.GetRequiredService<CreateCampaign>().HandleAsync(new CampaignDraft("Bench wave",
                [await ReleaseAsync(sp)], new CampaignPopulation(PopulationKind.Fleet, fleetId), [new WaveDraft(50), new WaveDraft(100)]));
            await scope.ServiceProvider.GetRequiredService<StartCampaign>().HandleAsync(campaignId);
        }
        Console.WriteLine($"Seeded {vins.Count:N0} vehicles with a state of charge and a campaign over them in {seedClock.Elapsed.TotalSeconds:F1} s");

        // The outbox worker runs as it does on a node: woken by the commit, batches of 50, one row after another.
        var worker = sp.GetRequiredService<OutboxWorker>();
        await worker.StartAsync(CancellationToken.None);
        var dispatchClock = Stopwatch.StartNew();
        await RoundAsync(sp, campaignId);
        var dispatchSeconds = dispatchClock.Elapsed.TotalSeconds;
        var publishClock = Stopwatch.StartNew();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            while (await db.Set<SideEffect>().AnyAsync())
                await Task.Delay(20);
        }
        var publishSeconds = publishClock.Elapsed.TotalSeconds;
        await worker.StopAsync(CancellationToken.None);

        List<string> wave;
        Dictionary<string, JsonObject> documents;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            wave = await db.Set<CampaignVehicle>().Where(v => v.CampaignId == campaignId && v.Status == CampaignVehicleStatus.Dispatched)
                .OrderBy(v => v.Vin).Select(v => v.Vin).ToListAsync();
            documents = (await db.Set<StoredShadow>().AsNoTracking().ToListAsync()).ToDictionary(s => s.ThingName,
                s => JsonNode.Parse(s.Document)!["state"]!["desired"]!.AsObject());
        }
        if (wave.Count != size || documents.Count != size || wave.Any(v => documents[v][CampaignProgressRules.TargetKey] is not JsonObject))
            throw new InvalidOperationException($"Dispatched {wave.Count} and published {documents.Count} targets of a wave of {size}.");

        // The baseline starts from no shadows, as the dispatch did, and writes the documents the outbox wrote.
        await using (var db = await contexts.CreateDbContextAsync())
            await db.Set<StoredShadow>().ExecuteDeleteAsync();
        var shadows = sp.GetRequiredService<IDeviceShadows>();
        var bareClock = Stopwatch.StartNew();
        foreach (var vin in wave)
            await shadows.UpdateAsync(vin, new ShadowUpdate(documents[vin], null));
        var bareSeconds = bareClock.Elapsed.TotalSeconds;

        var alarms = await InstallAndRaiseAsync(sp, campaignId, wave, vins.Except(wave).ToList());
        DateTimeOffset windowStart;
        await using (var db = await contexts.CreateDbContextAsync())
            windowStart = (await db.Set<CampaignWave>().SingleAsync(w => w.CampaignId == campaignId && w.Index == 0)).Started!.Value;
        HealthFigures? figures = null;
        var gate = await Timing.MeasureAsync(warmup, iterations, async () =>
        {
            await using var data = sp.GetRequiredService<IArcDataFactory>().Open();
            figures = await CampaignHealthGate.FiguresAsync(data, campaignId, windowStart, CancellationToken.None);
        });
        var roundClock = Stopwatch.StartNew();
        await RoundAsync(sp, campaignId);
        var roundMs = roundClock.Elapsed.TotalMilliseconds;
        string status;
        await using (var db = await contexts.CreateDbContextAsync())
            status = (await db.Set<Campaign>().SingleAsync(c => c.Id == campaignId)).Status.ToString();
        if (figures!.UpdatedVehicles != size || figures.ComparisonVehicles != size || figures.UpdatedAlarms + figures.ComparisonAlarms != alarms)
            throw new InvalidOperationException($"The health gate saw {figures}, not {size} vehicles a side and {alarms} alarms.");

        var dispatchTotal = dispatchSeconds + publishSeconds;
        Console.WriteLine();
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| advancing round that dispatches {size:N0} vehicles, s | {dispatchSeconds:F2} |");
        Console.WriteLine($"| then until the outbox published every shadow, s | {publishSeconds:F2} ({size / publishSeconds:F0} per second) |");
        Console.WriteLine($"| baseline: bare shadow writes of the same documents, s | {bareSeconds:F2} ({size / bareSeconds:F0} per second) |");
        Console.WriteLine($"| dispatch and publish / bare writes | {dispatchTotal / bareSeconds:F2} |");
        Console.WriteLine($"| health gate figures p50 / p95 ms | {gate.P50:F1} / {gate.P95:F1} |");
        Console.WriteLine($"| advancing round in the soak window, ms | {roundMs:F1} (campaign {status}) |");
        Console.WriteLine($"Health figures: {figures}");
        run.Figure("vehicles", size);
        run.Figure("population", vins.Count);
        run.Figure("dispatch_s", dispatchSeconds);
        run.Figure("publish_s", publishSeconds);
        run.Figure("bare_shadow_writes_s", bareSeconds);
        run.Figure("dispatch_ratio", dispatchTotal / bareSeconds);
        run.Figure("alarms", alarms);
        run.Figure("health_gate_ms", gate.P50);
        run.Figure("health_gate_p95_ms", gate.P95);
        run.Figure("soak_round_ms", roundMs);
    }

    /// <summary>One round of the advancing job for the campaign, on the real clock, as the job runner would run it.</summary>
    private static async Task RoundAsync(IServiceProvider services, int campaignId)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var job = new AdvanceCampaigns(sp.GetRequiredService<IArcDataFactory>(), sp.GetRequiredService<ILatestTelemetry>(), sp.GetRequiredService<Outbox>(),
            sp.GetRequiredService<AuditTrail>(), sp.GetRequiredService<CampaignHealthGate>(), TimeProvider.System);
        await job.RunAsync(campaignId, CancellationToken.None);
    }

    /// <summary>Vehicles copied in, all in one fleet, each with a state of charge of 80 % reported five minutes ago.</summary>
    private static async Task<int> SeedAsync(IServiceProvider services, IReadOnlyList<string> vins)
    {
        var now = DateTimeOffset.UtcNow;
        var fleet = new Fleet { Name = "Bench OTA fleet" };
        await using (var data = services.GetRequiredService<IArcDataFactory>().Open())
        {
            data.Add(fleet);
            data.AddMany(vins.Select(v => new Vehicle { Vin = v, Created = now }).ToList());
            await data.SaveChangesAsync();
        }
        await using (var data = services.GetRequiredService<IArcDataFactory>().Open())
        {
            data.AddMany(vins.Select(v => new FleetVehicle { Vin = v, FleetId = fleet.Id }).ToList());
            await data.SaveChangesAsync();
        }
        var latest = services.GetRequiredService<LatestTelemetryTable>();
        latest.Observe(vins.Select(v => new TelemetrySample(v, now.AddMinutes(-5), new Dictionary<string, double> { ["bms_pack_soc"] = 80 })).ToList());
        await latest.FlushAsync(CancellationToken.None);
        return fleet.Id;
    }

    private static async Task<int> ReleaseAsync(IServiceProvider services)
    {
        var release = new FirmwareRelease
        {
            PartType = "Display", Component = "Display Firmware", Hash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000",
            Description = "Bench release", Committed = DateTimeOffset.UtcNow.AddDays(-1), Created = DateTimeOffset.UtcNow,
        };
        await using var data = services.GetRequiredService<IArcDataFactory>().Open();
        data.Add(release);
        await data.SaveChangesAsync();
        return release.Id;
    }

    /// <summary>
    /// The wave marked installed as the vehicles' reports would mark it, and alarms on every tenth vehicle of both groups
    /// after that, fault-point and threshold alarms alike, so the gate compares equal rates and lets the wave soak on.
    /// </summary>
    private static async Task<int> InstallAndRaiseAsync(IServiceProvider services, int campaignId, IReadOnlyList<string> wave, IReadOnlyList<string> others)
    {
        var installed = DateTimeOffset.UtcNow;
        await using (var db = await services.GetRequiredService<IDbContextFactory<ArcDbContext>>().CreateDbContextAsync())
        {
            await db.Set<CampaignVehicle>().Where(v => v.CampaignId == campaignId && v.Status == CampaignVehicleStatus.Dispatched)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, CampaignVehicleStatus.Installed).SetProperty(v => v.Installed, installed)
                    .SetProperty(v => v.LastReport, installed));
        }
        var fault = new AlarmRule { Name = "Bench fault", Kind = AlarmRuleKinds.FaultPoint, Severity = "major", Point = "bms_fault" };
        var threshold = new AlarmRule { Name = "Bench hot pack", Kind = AlarmRuleKinds.Threshold, Severity = "minor", Point = "bms_temp" };
        await using var data = services.GetRequiredService<IArcDataFactory>().Open();
        data.Add(fault);
        data.Add(threshold);
        await data.SaveChangesAsync();
        var raised = wave.Where((_, i) => i % 10 == 0).Concat(others.Where((_, i) => i % 10 == 0)).Select((vin, i) => new Alarm
        {
            RuleId = i % 2 == 0 ? fault.Id : threshold.Id, Vin = vin, Severity = "major", RaisedAt = installed.AddMinutes(1), Details = "Bench alarm",
        }).ToList();
        data.AddMany(raised);
        await data.SaveChangesAsync();
        return raised.Count;
    }

    private sealed class CampaignDesk : ICurrentUser
    {
        private static readonly IReadOnlySet<string> Permissions = new HashSet<string> { Perm.CampaignWrite };

        public Task<string?> GetUsernameAsync(CancellationToken ct = default) => Task.FromResult<string?>("bench");

        public Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default) => Task.FromResult(Permissions);
    }
}
