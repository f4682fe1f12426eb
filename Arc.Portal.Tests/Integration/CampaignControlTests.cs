using Arc.Domain.Common;
using Arc.Domain.Rollouts;
using Arc.Domain.Telemetry;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// Steering a campaign on PostgreSQL: refused input changes nothing, pause and abort at once leave one state, abort
/// withdraws the target, failed and silent vehicles are retried, ineligible ones say why, a rollback is a campaign.
/// </summary>
public sealed class CampaignControlTests(HeldJobsPortal fixture) : IClassFixture<HeldJobsPortal>
{
    private readonly PortalServer _portal = fixture.Portal;
    private readonly CampaignTestData _kit = new(fixture.Portal);

    private static CampaignDraft Draft(int releaseId, int fleetId, params WaveDraft[] waves) =>
        new($"Control {Guid.NewGuid():N}"[..20], [releaseId], new CampaignPopulation(PopulationKind.Fleet, fleetId), waves.Length > 0 ? waves : [new WaveDraft(100, null, 100, 0)]);

    private async Task<(int Id, List<string> Vins, int ReleaseId)> RunningAsync(int vehicles, params WaveDraft[] waves)
    {
        var (releaseId, _) = await _kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, vins) = await _kit.FleetAsync(vehicles);
        var id = await _kit.AsAdminAsync(sp => sp.GetRequiredService<CreateCampaign>().HandleAsync(Draft(releaseId, fleetId, waves)));
        await _kit.AsAdminAsync(sp => sp.GetRequiredService<StartCampaign>().HandleAsync(id));
        await _kit.AdvanceAsync(id);
        return (id, vins, releaseId);
    }

    private async Task<int> CampaignCountAsync()
    {
        await using var db = _portal.CreateDb();
        return await db.Set<Campaign>().CountAsync();
    }

    [Fact]
    public async Task An_unknown_release_an_unknown_fleet_or_an_empty_population_is_refused_and_nothing_is_saved()
    {
        var (releaseId, _) = await _kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, _) = await _kit.FleetAsync(3);
        var empty = await _kit.NewFleetAsync([]);
        var before = await CampaignCountAsync();
        async Task<ValidationFailedException> Refused(CampaignDraft draft) =>
            await Assert.ThrowsAsync<ValidationFailedException>(() => _kit.AsAdminAsync(sp => sp.GetRequiredService<CreateCampaign>().HandleAsync(draft)));

        Assert.Contains("No firmware release 987654321", (await Refused(Draft(987_654_321, fleetId))).Message);
        Assert.Contains("There is no fleet 987654321", (await Refused(Draft(releaseId, 987_654_321))).Message);
        Assert.Contains("has no vehicles", (await Refused(Draft(releaseId, empty))).Message);
        var draft = await _kit.AsAdminAsync(sp => sp.GetRequiredService<CreateCampaign>().HandleAsync(Draft(releaseId, fleetId)));
        var resumed = await Assert.ThrowsAsync<ConflictException>(() => _kit.AsAdminAsync(sp => sp.GetRequiredService<ResumeCampaign>().HandleAsync(draft)));
        Assert.Equal("A draft campaign has not started: start it rather than resume it.", resumed.Message);
        before++;
        Assert.Contains("There is no fleet 987654321", (await Refused(Draft(releaseId, fleetId, new WaveDraft(null, 987_654_321), new WaveDraft(100)))).Message);
        Assert.Equal(before, await CampaignCountAsync());
    }

    [Fact]
    public async Task A_pause_and_an_abort_at_once_leave_one_consistent_state()
    {
        var (id, _, _) = await RunningAsync(4);
        Exception?[] outcomes = [];
        // Another writer may move the campaign between the read and the race (in production, the advance a start queues);
        // then both are refused, the campaign stays as it was, and the race is run again on the new version.
        for (var attempt = 0; attempt < 3 && !outcomes.Contains(null); attempt++)
        {
            var version = (await _kit.DetailAsync(id)).Version;
            var pause = _kit.AsAdminAsync(sp => sp.GetRequiredService<PauseCampaign>().HandleAsync(id, "Looking at a report", version));
            var abort = _kit.AsAdminAsync(sp => sp.GetRequiredService<AbortCampaign>().HandleAsync(id, "Wrong build", version));
            outcomes = await Task.WhenAll(Outcome(pause), Outcome(abort));
            if (!outcomes.Contains(null))
                Assert.Equal(CampaignStatus.Running, (await _kit.DetailAsync(id)).Status);
        }

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<ConflictException>(Assert.Single(outcomes, o => o is not null));
        var detail = await _kit.DetailAsync(id);
        Assert.Equal(outcomes[0] is null ? CampaignStatus.Paused : CampaignStatus.Aborted, detail.Status);
        Assert.Equal([CampaignStatus.Running, detail.Status], detail.Transitions.Select(t => t.To));
    }

    [Fact]
    public async Task The_job_and_a_person_acting_at_once_leave_one_consistent_state()
    {
        var (id, vins, _) = await RunningAsync(6, new WaveDraft(50, null, 50, 0), new WaveDraft(100, null, 50, 0));
        await _kit.PlayVehiclesAsync(vins);
        var version = (await _kit.DetailAsync(id)).Version;
        var pause = Outcome(_kit.AsAdminAsync(sp => sp.GetRequiredService<PauseCampaign>().HandleAsync(id, "Hold on", version)));
        await _kit.AdvanceAsync(id);
        var refused = await pause;

        var detail = await _kit.DetailAsync(id);
        if (refused is null)
            Assert.Equal(CampaignStatus.Paused, detail.Status);
        else
            Assert.IsType<ConflictException>(refused);
        Assert.Equal(detail.Transitions.Count(t => t.To == CampaignStatus.Paused), detail.Status == CampaignStatus.Paused ? 1 : 0);
        await using var db = _portal.CreateDb();
        Assert.Equal(detail.Transitions.Count, await db.AuditSet.CountAsync(a => a.EntityId == id.ToString() && a.Action.StartsWith("ota_campaign.")
            && a.Action != CampaignAuditActions.Created && a.Action != CampaignAuditActions.Completed));
    }

    [Fact]
    public async Task A_pause_from_the_page_holds_while_the_job_moves_the_campaign_at_the_same_moment()
    {
        // The page's brakes carry no version: whatever the job saves between their read and their save, they are made again
        // on the campaign as it then is, and never answer "changed meanwhile".
        // Six waves, so that three rounds of the job (at most two steps each) never complete the campaign under the pause.
        var (id, vins, _) = await RunningAsync(12, new WaveDraft(15, null, 50, 0), new WaveDraft(30, null, 50, 0), new WaveDraft(45, null, 50, 0),
            new WaveDraft(60, null, 50, 0), new WaveDraft(80, null, 50, 0), new WaveDraft(100, null, 50, 0));
        for (var round = 0; round < 3; round++)
        {
            await _kit.PlayVehiclesAsync(vins);
            var pause = Outcome(_kit.AsAdminAsync(sp => sp.GetRequiredService<PauseCampaign>().HandleAsync(id, $"Hold on {round}")));
            await Task.WhenAll(_kit.AdvanceAsync(id), _kit.AdvanceAsync(id));
            Assert.Null(await pause);
            var paused = await _kit.DetailAsync(id);
            Assert.Equal((CampaignStatus.Paused, $"Hold on {round}"), (paused.Status, paused.StatusReason));
            await _kit.AsAdminAsync(sp => sp.GetRequiredService<ResumeCampaign>().HandleAsync(id, null, paused.Version));
        }
        var detail = await _kit.DetailAsync(id);
        Assert.Equal(3, detail.Transitions.Count(t => t.To == CampaignStatus.Paused));
        Assert.Null(await Outcome(_kit.AsAdminAsync(sp => sp.GetRequiredService<AbortCampaign>().HandleAsync(id, "Done looking"))));
    }

    [Fact]
    public async Task Abort_withdraws_the_target_from_the_shadows_and_nothing_moves_an_aborted_campaign_again()
    {
        var (id, vins, _) = await RunningAsync(3);
        Assert.NotNull(await _kit.TargetAsync(vins[0]));

        await _kit.AsAdminAsync(sp => sp.GetRequiredService<AbortCampaign>().HandleAsync(id, "Wrong build"));
        await _portal.SideEffectsSettledAsync();

        Assert.Null(await _kit.TargetAsync(vins[0]));
        var detail = await _kit.DetailAsync(id);
        Assert.Equal((CampaignStatus.Aborted, "Wrong build"), (detail.Status, detail.StatusReason));
        var refused = await Assert.ThrowsAsync<ConflictException>(() => _kit.AsAdminAsync(sp => sp.GetRequiredService<ResumeCampaign>().HandleAsync(id)));
        Assert.Contains("aborted already", refused.Message);
        await Assert.ThrowsAsync<ValidationFailedException>(() => _kit.AsAdminAsync(sp => sp.GetRequiredService<PauseCampaign>().HandleAsync(id, " ")));
        // A late report of the target counts for nothing now.
        var hash = Assert.Single(detail.Targets).Hash;
        await _kit.ReportAsync(vins[1], new System.Text.Json.Nodes.JsonObject { ["firmware"] = new System.Text.Json.Nodes.JsonObject { ["Display Firmware"] = hash } });
        Assert.Equal(3, (await _kit.DetailAsync(id)).Counts[CampaignVehicleStatus.Dispatched]);
    }

    [Fact]
    public async Task Failed_and_silent_vehicles_are_retried_and_dispatched_again()
    {
        var (id, vins, _) = await RunningAsync(4, new WaveDraft(100, null, 100, 0));
        await _kit.PlayVehiclesAsync(vins.Take(3).ToList(), failing: new HashSet<string> { vins[0] });
        _kit.Clock.Advance(TimeSpan.FromHours(25));
        await _kit.AdvanceAsync(id);

        var rows = (await _kit.AsAdminAsync(sp => sp.GetRequiredService<ListCampaignVehicles>().HandleAsync(new CampaignVehicleQuery(id))))
            .Items.ToDictionary(r => r.Vin);
        Assert.Equal((CampaignVehicleStatus.Failed, "Flash write failed"), (rows[vins[0]].Status, rows[vins[0]].Reason));
        Assert.Equal(CampaignVehicleStatus.Installed, rows[vins[1]].Status);
        Assert.Equal(CampaignVehicleStatus.TimedOut, rows[vins[3]].Status);
        Assert.Null(await _kit.TargetAsync(vins[3]));

        Assert.Equal(2, await _kit.AsAdminAsync(sp => sp.GetRequiredService<RetryCampaignVehicles>().HandleAsync(id, null)));
        // The retry asks for an advance at once; the test runs it, on its own clock.
        Assert.Contains((AdvanceCampaigns.JobKind, (long)id), fixture.Jobs.Queued);
        await RefreshChargeAsync(vins);
        await _kit.AdvanceAsync(id);
        var retried = (await _kit.AsAdminAsync(sp => sp.GetRequiredService<ListCampaignVehicles>()
            .HandleAsync(new CampaignVehicleQuery(id, CampaignVehicleStatus.Dispatched)))).Items;
        Assert.Equal(new[] { vins[0], vins[3] }.Order(), retried.Select(r => r.Vin).Order());
        Assert.All(retried, r => Assert.Equal(2, r.Attempts));
        Assert.NotNull(await _kit.TargetAsync(vins[3]));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _kit.AsAdminAsync(sp => sp.GetRequiredService<RetryCampaignVehicles>().HandleAsync(id, null)));
    }

    [Fact]
    public async Task A_vehicle_low_on_charge_or_silent_is_ineligible_with_its_reason_and_checked_again()
    {
        var (releaseId, _) = await _kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, vins) = await _kit.FleetAsync(2);
        var silent = FleetTestData.NewVin();
        await _kit.NewFleetAsync([silent]);
        await using (var db = _portal.CreateDb())
        {
            db.Add(new Arc.Domain.Fleets.FleetVehicle { Vin = silent, FleetId = fleetId });
            await db.SaveChangesAsync();
        }
        await _portal.Services.GetRequiredService<ITelemetryStore>()
            .WriteAsync([new TelemetrySample(vins[0], DateTimeOffset.UtcNow, new Dictionary<string, double> { ["bms_pack_soc"] = 12 })]);
        var id = await _kit.AsAdminAsync(sp => sp.GetRequiredService<CreateCampaign>().HandleAsync(Draft(releaseId, fleetId)));
        await _kit.AsAdminAsync(sp => sp.GetRequiredService<StartCampaign>().HandleAsync(id));
        await _kit.AdvanceAsync(id);

        var rows = (await _kit.AsAdminAsync(sp => sp.GetRequiredService<ListCampaignVehicles>().HandleAsync(new CampaignVehicleQuery(id))))
            .Items.ToDictionary(r => r.Vin);
        Assert.Equal((CampaignVehicleStatus.Ineligible, "State of charge 12% is below 30%."), (rows[vins[0]].Status, rows[vins[0]].Reason));
        Assert.Equal((CampaignVehicleStatus.Ineligible, "Has not reported within 24 hours."), (rows[silent].Status, rows[silent].Reason));
        Assert.Equal(CampaignVehicleStatus.Dispatched, rows[vins[1]].Status);
        Assert.Null(await _kit.TargetAsync(vins[0]));

        await RefreshChargeAsync([vins[0]]);
        await _kit.AdvanceAsync(id);
        Assert.Equal(CampaignVehicleStatus.Dispatched, (await _kit.AsAdminAsync(sp => sp.GetRequiredService<ListCampaignVehicles>()
            .HandleAsync(new CampaignVehicleQuery(id, Wave: 0)))).Items.Single(r => r.Vin == vins[0]).Status);
    }

    [Fact]
    public async Task A_rollback_is_a_draft_campaign_to_the_previous_release_for_the_vehicles_updated()
    {
        var (previousId, _) = await _kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-3));
        var (id, vins, releaseId) = await RunningAsync(3);
        await _kit.PlayVehiclesAsync(vins.Take(2).ToList());

        var rollback = await _kit.AsAdminAsync(sp => sp.GetRequiredService<RollBackCampaign>().HandleAsync(id, null));

        var detail = await _kit.DetailAsync(rollback);
        Assert.Equal((CampaignStatus.Draft, id, PopulationKind.Campaign, 2), (detail.Status, detail.RollbackOf, detail.PopulationKind, detail.PopulationCount));
        Assert.Equal(previousId, Assert.Single(detail.Targets).FirmwareReleaseId);
        Assert.NotEqual(releaseId, previousId);
        Assert.StartsWith("Rollback of Control ", detail.Name, StringComparison.Ordinal);
        var listed = await _kit.AsAdminAsync(sp => sp.GetRequiredService<ListCampaigns>().HandleAsync(new CampaignQuery(CampaignStatus.Draft, PageSize: 200)));
        Assert.Contains(listed.Items, c => c.Id == rollback && c.RollbackOf == id);
    }

    [Fact]
    public async Task A_campaign_for_a_recalls_vehicles_keeps_the_link_and_its_installs_remedy_the_recall()
    {
        var (releaseId, hash) = await _kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (_, vins) = await _kit.FleetAsync(2);
        var (recallId, number) = await RecallTestData.CreateAsync(_portal, "Display freezes");
        await _kit.AsAdminAsync(sp => sp.GetRequiredService<Arc.Domain.Recalls.CreateRemedy>().HandleAsync(recallId, "Update the display firmware.",
            Arc.Domain.Recalls.RemedyType.OverTheAir, new Arc.Domain.Recalls.RemedyFirmware("Display Firmware", hash)));
        await RecallTestData.AddToRecallAsync(_portal, recallId, vins);
        var id = await _kit.AsAdminAsync(sp => sp.GetRequiredService<CreateCampaign>().HandleAsync(new CampaignDraft("Display remedy", [releaseId],
            new CampaignPopulation(PopulationKind.Recall, recallId), [new WaveDraft(100, null, 100, 0)])));
        await _kit.AsAdminAsync(sp => sp.GetRequiredService<StartCampaign>().HandleAsync(id));
        await _kit.AdvanceAsync(id);
        Assert.Equal(2, await _kit.PlayVehiclesAsync(vins));
        await _kit.AdvanceAsync(id);

        var detail = await _kit.DetailAsync(id);
        Assert.Equal((recallId, number, CampaignStatus.Completed), (detail.RecallId!.Value, detail.RecallNumber, detail.Status));
        var entries = await RecallTestData.EntriesAsync(_portal, recallId);
        Assert.All(vins, v => Assert.Equal(Arc.Domain.Recalls.RecallVehicleStatus.Remedied, entries[v].Status));
    }

    /// <summary>A newer state of charge of 90%, later than anything reported before, on the job's clock or the real one.</summary>
    private async Task RefreshChargeAsync(IEnumerable<string> vins)
    {
        var at = new[] { _kit.Clock.GetUtcNow(), DateTimeOffset.UtcNow }.Max();
        await _portal.Services.GetRequiredService<ITelemetryStore>()
            .WriteAsync(vins.Select(v => new TelemetrySample(v, at, new Dictionary<string, double> { ["bms_pack_soc"] = 90 })).ToList());
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (DomainException e)
        {
            return e;
        }
    }
}
