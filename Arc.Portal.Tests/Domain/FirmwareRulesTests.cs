using Arc.Domain.Firmware;

namespace Arc.Portal.Tests.Domain;

/// <summary>Part variants, the current release of a component, the speed-governor rule and a vehicle's firmware status.</summary>
public sealed class FirmwareRulesTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> Parts(string comm = "004280", string kers = "001412") => new()
    {
        ["Comm"] = comm, ["KERS Sensor"] = kers, ["Inverter - Left"] = "004085", ["VCU"] = "003222",
    };

    private static FirmwareRelease Release(int id, string component, string hash, DateTimeOffset created, string partType = "Comm") =>
        new() { Id = id, PartType = partType, Component = component, Hash = hash, Created = created };

    [Fact]
    public void The_discoboard_comm_part_runs_the_004280_comm_firmware_and_bootloader()
    {
        Assert.Equal("004280 Comm Firmware", FirmwareCatalogue.VariantFor("Comm Firmware", Parts()));
        Assert.Equal("004280 Comm Bootloader", FirmwareCatalogue.VariantFor("Comm Bootloader", Parts()));
        Assert.Equal("Comm Firmware", FirmwareCatalogue.VariantFor("Comm Firmware", Parts(comm: "003999")));
        Assert.Equal("Comm Option Bytes", FirmwareCatalogue.VariantFor("Comm Option Bytes", Parts()));
    }

    [Fact]
    public void The_left_inverter_profile_follows_the_kers_sensor_part()
    {
        Assert.Equal("001412 Inverter Profile Left", FirmwareCatalogue.VariantFor("Inverter Profile - Left", Parts()));
        Assert.Equal("001325 Inverter Profile Left", FirmwareCatalogue.VariantFor("Inverter Profile - Left", Parts(kers: "001325")));
        Assert.Equal("Inverter Profile - Left", FirmwareCatalogue.VariantFor("Inverter Profile - Left", new Dictionary<string, string>()));
    }

    [Fact]
    public void Variants_are_named_by_a_part_number_and_shown_under_their_general_component()
    {
        Assert.True(FirmwareCatalogue.IsVariant("004280 Comm Firmware"));
        Assert.False(FirmwareCatalogue.IsVariant("Comm Firmware"));
        Assert.False(FirmwareCatalogue.IsVariant("EPSU Profile"));
        var expected = FirmwareCatalogue.ExpectedComponents(FirmwareCatalogue.DefaultHosts, Parts()).Select(c => c.Component).ToList();
        Assert.Contains("Comm Firmware", expected);
        Assert.Contains("Inverter Profile - Left", expected);
        Assert.DoesNotContain(expected, FirmwareCatalogue.IsVariant);
        Assert.DoesNotContain("BMS Firmware", expected);
    }

    [Fact]
    public void The_current_release_of_a_component_is_its_newest_then_its_highest_id()
    {
        var current = FirmwareCatalogue.CurrentReleases(
        [
            Release(1, "Comm Firmware", "aaaaaaa", T0), Release(3, "Comm Firmware", "bbbbbbb", T0.AddDays(1)), Release(2, "Comm Firmware", "ccccccc", T0.AddDays(1)),
            Release(4, "VCU Firmware", "ddddddd", T0, "VCU"),
        ]);
        Assert.Equal("bbbbbbb", current["Comm Firmware"].Hash);
        Assert.Equal("ddddddd", current["VCU Firmware"].Hash);
    }

    [Fact]
    public void The_governor_is_allowed_only_for_comm_firmware_deployed_from_2021_01_23_08_31()
    {
        FirmwareVersion[] history =
        [
            new() { Component = "Comm Firmware", Hash = "old0000", Created = GovernorRule.FirstGovernorBuild.AddSeconds(-1) },
            new() { Component = "Comm Firmware", Hash = "edge000", Created = GovernorRule.FirstGovernorBuild },
            new() { Component = "004280 Comm Firmware", Hash = "disco00", Created = new DateTimeOffset(2021, 10, 7, 0, 0, 0, TimeSpan.Zero) },
            new() { Component = "VCU Firmware", Hash = "vcu0000", Created = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero) },
        ];
        Assert.False(GovernorRule.AllowsGovernor("old0000", history));
        Assert.True(GovernorRule.AllowsGovernor("edge000", history));
        Assert.True(GovernorRule.AllowsGovernor("DISCO00", history));
        Assert.False(GovernorRule.AllowsGovernor("vcu0000", history));
        Assert.False(GovernorRule.AllowsGovernor("unknown", history));
        Assert.False(GovernorRule.AllowsGovernor(null, history));
    }

    [Fact]
    public void A_vehicle_is_behind_when_a_recorded_release_is_not_current_and_up_to_date_when_all_are()
    {
        (string, string)[] hosts = [("Comm", "Comm Firmware"), ("Comm", "004280 Comm Firmware"), ("VCU", "VCU Firmware")];
        var oldComm = Release(1, "004280 Comm Firmware", "c0ffee1", T0);
        var newComm = Release(2, "004280 Comm Firmware", "c0ffee2", T0.AddDays(1));
        var vcu = Release(3, "VCU Firmware", "feed001", T0, "VCU");
        var current = FirmwareCatalogue.CurrentReleases([oldComm, newComm, vcu]);
        FirmwareVersion[] history = [new() { Component = "004280 Comm Firmware", Hash = "c0ffee2", Created = T0 }];
        VehicleFirmwareInstalled Installed(string type, string component, FirmwareRelease release) =>
            new() { Vin = "V", PartType = type, Component = component, FirmwareReleaseId = release.Id, Release = release, Installed = T0 };

        var behind = FirmwareStatus.Evaluate(new VehicleFirmwareFacts("V", 2, Parts(), [Installed("Comm", "Comm Firmware", oldComm), Installed("VCU", "VCU Firmware", vcu)],
            new Dictionary<string, string> { ["Comm Firmware"] = "c0ffee2" }), hosts, current, history);
        Assert.Equal(FirmwareState.Behind, behind.Overall);
        var comm = Assert.Single(behind.Components, c => c.Component == "Comm Firmware");
        Assert.Equal(("004280 Comm Firmware", "c0ffee1", "c0ffee2", FirmwareState.Behind), (comm.Release, comm.RecordedHash, comm.CurrentHash, comm.State));
        Assert.True(comm.ReportDiffers);
        Assert.False(behind.AllowsGovernor);

        var upToDate = FirmwareStatus.Evaluate(new VehicleFirmwareFacts("V", 2, Parts(), [Installed("Comm", "Comm Firmware", newComm), Installed("VCU", "VCU Firmware", vcu)],
            new Dictionary<string, string>()), hosts, current, history);
        Assert.Equal(FirmwareState.UpToDate, upToDate.Overall);
        Assert.True(upToDate.AllowsGovernor);

        var unknown = FirmwareStatus.Evaluate(new VehicleFirmwareFacts("V", 2, Parts(), [Installed("VCU", "VCU Firmware", vcu)], new Dictionary<string, string>()),
            hosts, current, history);
        Assert.Equal(FirmwareState.Unknown, unknown.Overall);
    }

    [Fact]
    public void A_vehicle_reports_its_firmware_under_canonical_names_and_junk_is_ignored()
    {
        var reported = System.Text.Json.Nodes.JsonNode.Parse("""{"firmware": {"IO Firmware - Front": "abc1234", "VCU Firmware": 7, "LV Firmware": ""}}""")!.AsObject();
        var read = FirmwareStatusReader.Reported(reported);
        Assert.Equal("abc1234", Assert.Single(read).Value);
        Assert.Equal("IO Front Profile", read.Keys.Single());
        Assert.Empty(FirmwareStatusReader.Reported(null));
    }
}
