using System.Text.Json.Nodes;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Fleets;
using Arc.Domain.Intake;
using Arc.Domain.Rollouts;
using Arc.Domain.Shadows;
using Arc.Domain.SideEffects;
using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Arc.Portal.Tests.Integration.Intake.IntakeTestData;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// Campaign fixtures: vehicles of a test's own in a fleet of their own, with a fresh state of charge; the advancing job
/// on a clock the test moves; and the vehicle side of the wire contract of decision 0052, played through the real intake.
/// </summary>
public sealed class CampaignTestData(PortalServer portal)
{
    private static int _next = Random.Shared.Next(10_000, 30_000);
    private static long _version;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    public Task AsAdminAsync(Func<IServiceProvider, Task> action) => AsAdminAsync(async sp => { await action(sp); return 0; });

    /// <summary>Records a release of Display Firmware and answers its id and hash.</summary>
    public async Task<(int Id, string Hash)> ReleaseAsync(DateTimeOffset committed)
    {
        var hashes = new Dictionary<string, string>();
        await AsAdminAsync(sp => sp.GetRequiredService<RecordFirmwareRelease>()
            .HandleAsync("release.json", FirmwareTestData.FullManifest(committed, hashes, ["Display Firmware"])));
        await using var db = portal.CreateDb();
        var hash = hashes["Display Firmware"];
        return (await db.Set<FirmwareRelease>().Where(r => r.Hash == hash).Select(r => r.Id).SingleAsync(), hash);
    }

    /// <summary><paramref name="count"/> new vehicles in a new fleet, each with a state of charge of 80% reported a few minutes ago.</summary>
    public async Task<(int FleetId, List<string> Vins)> FleetAsync(int count)
    {
        var vins = Enumerable.Range(0, count).Select(_ => "DEV-" + DemoData.MakeVin('M', 'N', Interlocked.Increment(ref _next))).ToList();
        var fleetId = await NewFleetAsync(vins);
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        await portal.Services.GetRequiredService<ITelemetryStore>()
            .WriteAsync(vins.Select(v => new TelemetrySample(v, at, new Dictionary<string, double> { ["bms_pack_soc"] = 80 })).ToList());
        return (fleetId, vins);
    }

    /// <summary>A fleet holding the given VINs (added as vehicles when they are new).</summary>
    public async Task<int> NewFleetAsync(IReadOnlyList<string> vins)
    {
        await using var db = portal.CreateDb();
        var fleet = new Fleet { Name = FleetTestData.NewFleetName("OTA fleet") };
        db.Add(fleet);
        var known = await db.Set<Vehicle>().Where(v => vins.Contains(v.Vin)).Select(v => v.Vin).ToListAsync();
        foreach (var vin in vins.Except(known))
            db.Add(new Vehicle { Vin = vin, Created = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        db.AddRange(vins.Select(v => new FleetVehicle { Vin = v, FleetId = fleet.Id }));
        await db.SaveChangesAsync();
        return fleet.Id;
    }

    /// <summary>
    /// One round of the advancing job on the test's clock, then the outbox's publishes carried out (the outbox keeps the
    /// real clock: its worker runs on it).
    /// </summary>
    public async Task AdvanceAsync(int campaignId)
    {
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var correlation = sp.GetRequiredService<ICorrelation>();
            var job = new AdvanceCampaigns(sp.GetRequiredService<IArcDataFactory>(), sp.GetRequiredService<ILatestTelemetry>(), sp.GetRequiredService<Outbox>(),
                new AuditTrail(correlation, Clock), sp.GetRequiredService<CampaignHealthGate>(), Clock);
            await job.RunAsync(campaignId, CancellationToken.None);
        }
        await portal.SideEffectsSettledAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>The <c>firmware_target</c> of a vehicle's desired state, or null.</summary>
    public async Task<JsonObject?> TargetAsync(string vin) =>
        (await portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(vin))?.Desired[CampaignProgressRules.TargetKey] as JsonObject;

    /// <summary>
    /// Plays the vehicles: each one whose desired state holds a target reports downloading, then its firmware as the
    /// target with installing (or failed, for the VINs in <paramref name="failing"/>). Answers how many had a target.
    /// </summary>
    public async Task<int> PlayVehiclesAsync(IReadOnlyList<string> vins, IReadOnlySet<string>? failing = null)
    {
        var played = 0;
        foreach (var batch in vins.Chunk(20))
        {
            var results = await Task.WhenAll(batch.Select(async vin =>
            {
                if (await TargetAsync(vin) is not { } target)
                    return false;
                var campaign = target["campaign"]!.GetValue<int>();
                await ReportAsync(vin, new JsonObject { ["ota"] = Ota(campaign, "downloading") });
                if (failing?.Contains(vin) == true)
                    await ReportAsync(vin, new JsonObject { ["ota"] = Ota(campaign, "failed", "Flash write failed") });
                else
                    await ReportAsync(vin, new JsonObject { ["firmware"] = target["components"]!.DeepClone(), ["ota"] = Ota(campaign, "installing") });
                return true;
            }));
            played += results.Count(r => r);
        }
        return played;
    }

    private static JsonObject Ota(int campaign, string state, string? error = null) =>
        new() { ["campaign"] = campaign, ["state"] = state, ["error"] = error };

    /// <summary>A shadow update document with the given reported keys, sent through the intake as the vehicle would.</summary>
    public async Task ReportAsync(string vin, JsonObject reported)
    {
        var document = new JsonObject
        {
            ["previous"] = null,
            ["current"] = new JsonObject { ["state"] = new JsonObject { ["reported"] = reported }, ["version"] = Interlocked.Increment(ref _version) },
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        var outcome = await portal.Services.GetRequiredService<IIntakePipeline>().SendAsync(Message(document.ToJsonString(), topic: IntakeTopics.ShadowDocuments(vin)));
        Assert.Equal(IntakeResult.Written, outcome.Result);
    }

    public async Task<CampaignDetail> DetailAsync(int id) => await AsAdminAsync(sp => sp.GetRequiredService<GetCampaign>().HandleAsync(id));
}
