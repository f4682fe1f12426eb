using Arc.Domain.Firmware;
using Arc.Domain.Rollouts;
using Arc.Domain.Shadows;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>A test portal whose device simulator plays over-the-air updates, as the development portal's does.</summary>
public sealed class FirmwarePlayingPortal : IAsyncLifetime
{
    public PortalServer Portal { get; } = new()
    {
        Settings =
        {
            ["DeviceSimulator:Enabled"] = "true",
            ["DeviceSimulator:PlayFirmwareUpdates"] = "true",
            ["DeviceSimulator:ReportDelay"] = "00:00:00.300",
            ["DeviceSimulator:PollInterval"] = "00:00:00.200",
        },
    };

    public Task InitializeAsync() => Portal.InitializeAsync();

    public Task DisposeAsync() => Portal.DisposeAsync();
}

/// <summary>
/// The development device simulator with PlayFirmwareUpdates on (decision 0052): nothing but the simulator answers the
/// campaign's target, through the real intake, and the campaign completes.
/// </summary>
public sealed class SimulatedCampaignTests(FirmwarePlayingPortal fixture) : IClassFixture<FirmwarePlayingPortal>
{
    private readonly CampaignTestData _kit = new(fixture.Portal);

    [Fact]
    public async Task The_device_simulator_installs_a_campaigns_firmware_through_the_intake_until_the_campaign_completes()
    {
        var (releaseId, hash) = await _kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, vins) = await _kit.FleetAsync(4);
        var id = await _kit.AsAdminAsync(sp => sp.GetRequiredService<CreateCampaign>().HandleAsync(new CampaignDraft(
            $"Simulated {Guid.NewGuid():N}"[..20], [releaseId], new CampaignPopulation(PopulationKind.Fleet, fleetId), [new WaveDraft(100, null, 95, 30)])));
        await _kit.AsAdminAsync(sp => sp.GetRequiredService<StartCampaign>().HandleAsync(id));
        await _kit.AdvanceAsync(id);
        Assert.NotNull(await _kit.TargetAsync(vins[0]));

        var installed = await Eventually.ReturnsAsync(() => _kit.DetailAsync(id), d => d.Counts.GetValueOrDefault(CampaignVehicleStatus.Installed) == vins.Count,
            TimeSpan.FromSeconds(60), "Every simulated vehicle installing the target");
        Assert.Equal(CampaignStatus.Running, installed.Status);

        // The firmware the intake wrote stays in the reported state once the target has left the desired state.
        var shadows = fixture.Portal.Services.GetRequiredService<IDeviceShadows>();
        foreach (var vin in vins)
        {
            await Eventually.ReturnsAsync(() => _kit.TargetAsync(vin), t => t is null, TimeSpan.FromSeconds(30), $"The target leaving {vin}'s desired state");
            var shadow = await Eventually.ReturnsAsync(() => shadows.GetAsync(vin), s => s?.Delta is null, TimeSpan.FromSeconds(30), $"{vin} in sync");
            Assert.Equal(hash, FirmwareStatusReader.Reported(shadow!.Reported)["Display Firmware"]);
            Assert.Equal("installing", CampaignProgressRules.OtaOf(shadow.Reported)?.State);
        }

        // The advancing job notes the wave's threshold met, then completes the campaign once the soak is over.
        await _kit.AdvanceAsync(id);
        _kit.Clock.Advance(TimeSpan.FromMinutes(31));
        await _kit.AdvanceAsync(id);
        var done = await _kit.DetailAsync(id);
        Assert.Equal(CampaignStatus.Completed, done.Status);
        Assert.Equal(vins.Count, done.Counts[CampaignVehicleStatus.Installed]);
    }

    [Fact]
    public async Task Two_hundred_vehicles_played_by_the_simulator_are_updated_wave_by_wave_until_the_campaign_completes()
    {
        var (releaseId, hash) = await _kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, vins) = await _kit.FleetAsync(200);
        var id = await _kit.AsAdminAsync(sp => sp.GetRequiredService<CreateCampaign>().HandleAsync(new CampaignDraft(
            $"Simulated {Guid.NewGuid():N}"[..20], [releaseId], new CampaignPopulation(PopulationKind.Fleet, fleetId),
            [new WaveDraft(10, null, 95, 30), new WaveDraft(50, null, 95, 30), new WaveDraft(100, null, 95, 30)])));
        await _kit.AsAdminAsync(sp => sp.GetRequiredService<StartCampaign>().HandleAsync(id));
        await _kit.AdvanceAsync(id);

        for (var round = 0; round < 6 && (await _kit.DetailAsync(id)).Status == CampaignStatus.Running; round++)
        {
            // The simulator alone answers every vehicle sent the target so far; then the job starts the soak, and after it the next wave.
            var sent = (await _kit.DetailAsync(id)).Waves.Where(w => w.Started is not null).Sum(w => w.VehicleCount);
            await Eventually.ReturnsAsync(() => _kit.DetailAsync(id), d => d.Counts.GetValueOrDefault(CampaignVehicleStatus.Installed) == sent,
                TimeSpan.FromSeconds(90), $"the simulator installing on the {sent} vehicles sent the target");
            await _kit.AdvanceAsync(id);
            _kit.Clock.Advance(TimeSpan.FromMinutes(31));
            await _kit.AdvanceAsync(id);
        }

        var done = await _kit.DetailAsync(id);
        Assert.Equal(CampaignStatus.Completed, done.Status);
        Assert.Equal([20, 80, 100], done.Waves.Select(w => w.VehicleCount));
        Assert.Equal(200, done.Counts[CampaignVehicleStatus.Installed]);
        var shadows = fixture.Portal.Services.GetRequiredService<IDeviceShadows>();
        var last = await shadows.GetAsync(vins[^1]);
        Assert.Equal(hash, FirmwareStatusReader.Reported(last!.Reported)["Display Firmware"]);
    }
}
