using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Firmware;
using Arc.Domain.Notes;
using Arc.Domain.Rollouts;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// Over-the-air campaigns on PostgreSQL (decision 0052): the target reaches the shadows through the outbox, simulated
/// vehicles report through the real intake, the advancing job runs on a clock the test moves, and the health gate pauses.
/// </summary>
public sealed class CampaignTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private readonly CampaignTestData _kit = new(portal);

    private Task<int> CreateAsync(CampaignDraft draft) => _kit.AsAdminAsync(sp => sp.GetRequiredService<CreateCampaign>().HandleAsync(draft));

    private Task StartAsync(int id) => _kit.AsAdminAsync(sp => sp.GetRequiredService<StartCampaign>().HandleAsync(id));

    [Fact]
    public async Task Two_hundred_simulated_vehicles_are_updated_wave_by_wave_until_the_campaign_completes()
    {
        var (releaseId, hash) = await _kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, vins) = await _kit.FleetAsync(200);
        var internalFleet = await _kit.NewFleetAsync(vins.Take(5).ToList());
        var id = await CreateAsync(new CampaignDraft($"Display {Guid.NewGuid():N}"[..20], [releaseId], new CampaignPopulation(PopulationKind.Fleet, fleetId),
            [new WaveDraft(null, internalFleet, 100, 30), new WaveDraft(10, null, 90, 60), new WaveDraft(50, null, 95, 60), new WaveDraft(100, null, 95, 60)]));
        var draft = await _kit.DetailAsync(id);
        Assert.Equal((CampaignStatus.Draft, 200), (draft.Status, draft.PopulationCount));
        Assert.Equal([5, 15, 80, 100], draft.Waves.Select(w => w.VehicleCount));
        // The page names the population and the internal wave's fleet as a person knows them, not by their ids.
        await using (var fleets = portal.CreateDb())
        {
            var names = await fleets.FleetSet.Where(f => f.Id == fleetId || f.Id == internalFleet).ToDictionaryAsync(f => f.Id, f => f.Name);
            Assert.Equal(names[fleetId], draft.PopulationName);
            Assert.Equal([names[internalFleet], null, null, null], draft.Waves.Select(w => w.FleetName));
        }

        await StartAsync(id);
        await _kit.AdvanceAsync(id);
        // The internal fleet goes first: its vehicles have the target in their desired state, the others do not.
        var target = await _kit.TargetAsync(vins[0]);
        Assert.NotNull(target);
        Assert.Equal(id, target["campaign"]!.GetValue<int>());
        Assert.Equal(hash, target["components"]!["Display Firmware"]!.GetValue<string>());
        Assert.Null(await _kit.TargetAsync(vins[5]));

        for (var round = 0; round < 20 && (await _kit.DetailAsync(id)).Status == CampaignStatus.Running; round++)
        {
            await _kit.PlayVehiclesAsync(vins);
            await _kit.AdvanceAsync(id);
            _kit.Clock.Advance(TimeSpan.FromMinutes(61));
            await _kit.AdvanceAsync(id);
        }

        var done = await _kit.DetailAsync(id);
        Assert.Equal(CampaignStatus.Completed, done.Status);
        Assert.Equal(200, done.Counts[CampaignVehicleStatus.Installed]);
        Assert.All(done.Waves, w => Assert.NotNull(w.Completed));
        Assert.Equal(4, done.HealthChecks.Count(h => h.Passed));
        Assert.Equal([CampaignStatus.Running, CampaignStatus.Running, CampaignStatus.Running, CampaignStatus.Running, CampaignStatus.Completed],
            done.Transitions.Select(t => t.To));
        Assert.Equal([1, 2, 3], done.Transitions.Where(t => t.From == CampaignStatus.Running && t.To == CampaignStatus.Running).Select(t => t.Wave));
        Assert.Null(await _kit.TargetAsync(vins[0]));
        await using var db = portal.CreateDb();
        Assert.Equal(200, await db.Set<VehicleFirmwareInstalled>().CountAsync(f => vins.Contains(f.Vin) && f.FirmwareReleaseId == releaseId));
        Assert.True(await db.Set<Note>().AnyAsync(n => n.ObjectId == vins[7] && n.System && n.Content.Contains($"over the air (campaign {id})")));
        Assert.Equal(3, await db.AuditSet.CountAsync(a => a.EntityId == id.ToString() && a.Action == CampaignAuditActions.WaveStarted));
        Assert.Equal(1, await db.AuditSet.CountAsync(a => a.EntityId == id.ToString() && a.Action == CampaignAuditActions.Completed));
    }

    [Fact]
    public async Task A_campaign_whose_updated_vehicles_raise_fault_alarms_pauses_after_its_first_wave_and_tells_its_owner()
    {
        var (releaseId, _) = await _kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, vins) = await _kit.FleetAsync(40);
        var name = $"Faulty {Guid.NewGuid():N}"[..20];
        var id = await CreateAsync(new CampaignDraft(name, [releaseId], new CampaignPopulation(PopulationKind.Fleet, fleetId),
            [new WaveDraft(25, null, 90, 120), new WaveDraft(100, null, 90, 60)]));
        await StartAsync(id);
        await _kit.AdvanceAsync(id);
        Assert.Equal(10, await _kit.PlayVehiclesAsync(vins));
        var updated = (await _kit.AsAdminAsync(sp => sp.GetRequiredService<ListCampaignVehicles>()
            .HandleAsync(new CampaignVehicleQuery(id, CampaignVehicleStatus.Installed)))).Items.Select(v => v.Vin).ToList();
        Assert.Equal(10, updated.Count);

        // The updated vehicles raise fault alarms after installing; the others raise one between them.
        _kit.Clock.Advance(TimeSpan.FromMinutes(10));
        await CampaignScenarios.RaiseFaultsAsync(portal, updated.Append(vins.Except(updated).First()).ToList(), _kit.Clock.GetUtcNow());
        await _kit.AdvanceAsync(id);

        var paused = await _kit.DetailAsync(id);
        Assert.Equal(CampaignStatus.Paused, paused.Status);
        Assert.StartsWith("Health gate: Updated vehicles did worse", paused.StatusReason, StringComparison.Ordinal);
        Assert.Equal(0, paused.CurrentWave);
        var check = Assert.Single(paused.HealthChecks);
        Assert.False(check.Passed);
        Assert.Equal((10, 30, 10, 1), (check.UpdatedVehicles, check.ComparisonVehicles, check.UpdatedFaults, check.ComparisonFaults));
        Assert.Equal(1.0, check.UpdatedFaultRate);
        // Paused: another round dispatches nobody of the second wave.
        _kit.Clock.Advance(TimeSpan.FromHours(3));
        await _kit.AdvanceAsync(id);
        Assert.Equal(30, (await _kit.DetailAsync(id)).Counts[CampaignVehicleStatus.Queued]);
        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(a => a.EntityId == id.ToString() && a.Action == CampaignAuditActions.PausedByHealthGate));
        var email = await db.Set<OutboxEmail>().SingleAsync(e => e.Template == EmailTemplates.CampaignPaused && e.Subject.Contains(name));
        Assert.Equal(PortalServer.AdminEmail, email.To);
        Assert.Contains("fault alarms per vehicle 1 against 0.033", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Charger_alarms_on_updated_vehicles_count_as_charging_failures_and_pause_the_campaign()
    {
        var (releaseId, _) = await _kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, vins) = await _kit.FleetAsync(20);
        var id = await CreateAsync(new CampaignDraft($"Charging {Guid.NewGuid():N}"[..20], [releaseId], new CampaignPopulation(PopulationKind.Fleet, fleetId),
            [new WaveDraft(50, null, 90, 120), new WaveDraft(100, null, 90, 60)]));
        await StartAsync(id);
        await _kit.AdvanceAsync(id);
        Assert.Equal(10, await _kit.PlayVehiclesAsync(vins));
        var updated = (await _kit.AsAdminAsync(sp => sp.GetRequiredService<ListCampaignVehicles>()
            .HandleAsync(new CampaignVehicleQuery(id, CampaignVehicleStatus.Installed)))).Items.Select(v => v.Vin).ToList();
        _kit.Clock.Advance(TimeSpan.FromMinutes(10));
        // A threshold rule on a charger point (its output current): not a fault point, but a charging failure.
        await CampaignScenarios.RaiseFaultsAsync(portal, updated.Take(6).ToList(), _kit.Clock.GetUtcNow(), "charger_output_overcurrent_protection",
            Arc.Domain.Alarms.AlarmRuleKinds.Threshold);
        await _kit.AdvanceAsync(id);

        var paused = await _kit.DetailAsync(id);
        Assert.Equal(CampaignStatus.Paused, paused.Status);
        var check = Assert.Single(paused.HealthChecks);
        Assert.Equal((0.6, 0.0, 0.0), (check.UpdatedChargingFailureRate, check.ComparisonChargingFailureRate, check.UpdatedFaultRate));
        Assert.Contains("charging failures per vehicle 0.6 against 0", check.Verdict, StringComparison.Ordinal);
    }
}
