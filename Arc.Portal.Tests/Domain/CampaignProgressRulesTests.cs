using System.Text.Json.Nodes;
using Arc.Domain.Rollouts;
using Arc.Domain.Telemetry;

namespace Arc.Portal.Tests.Domain;

/// <summary>Status from reports, eligibility, wave thresholds and the health gate (decision 0052).</summary>
public class CampaignProgressRulesTests
{
    private static readonly CampaignTarget[] Targets =
        [new() { CampaignId = 5, Component = "Display Firmware", PartType = "Display", FirmwareReleaseId = 1, Hash = "abc123" }];

    private static CampaignVehicle Entry(CampaignVehicleStatus status) => new() { CampaignId = 5, Vin = "V", Status = status };

    private static Dictionary<string, string> Firmware(string hash) => new() { ["Display Firmware"] = hash };

    [Fact]
    public void Matching_firmware_installs_a_dispatched_vehicle_whatever_the_case_of_the_hash()
    {
        Assert.Equal(CampaignVehicleStatus.Installed, CampaignProgressRules.Next(Entry(CampaignVehicleStatus.Dispatched), Targets, Firmware("ABC123"), null));
        Assert.Equal(CampaignVehicleStatus.Installed, CampaignProgressRules.Next(Entry(CampaignVehicleStatus.TimedOut), Targets, Firmware("abc123"), null));
    }

    [Fact]
    public void Non_matching_firmware_or_another_campaigns_report_does_not_count()
    {
        Assert.Null(CampaignProgressRules.Next(Entry(CampaignVehicleStatus.Dispatched), Targets, Firmware("old999"), new OtaReport(6, "installing", null)));
        Assert.Null(CampaignProgressRules.Next(Entry(CampaignVehicleStatus.Dispatched), Targets, Firmware("old999"), new OtaReport(6, "failed", "x")));
        Assert.Null(CampaignProgressRules.Next(Entry(CampaignVehicleStatus.Dispatched), Targets, new Dictionary<string, string>(), null));
        Assert.Null(CampaignProgressRules.Next(Entry(CampaignVehicleStatus.Dispatched), Targets, new Dictionary<string, string> { ["VCU Firmware"] = "abc123" }, null));
    }

    [Fact]
    public void A_vehicle_never_sent_the_target_does_not_move()
    {
        Assert.Null(CampaignProgressRules.Next(Entry(CampaignVehicleStatus.Queued), Targets, Firmware("abc123"), new OtaReport(5, "downloading", null)));
        Assert.Null(CampaignProgressRules.Next(Entry(CampaignVehicleStatus.Ineligible), Targets, Firmware("abc123"), null));
    }

    [Fact]
    public void Progress_and_failure_come_from_the_ota_object_of_this_campaign()
    {
        Assert.Equal(CampaignVehicleStatus.Downloading, CampaignProgressRules.Next(Entry(CampaignVehicleStatus.Dispatched), Targets, Firmware("old"), new OtaReport(5, "downloading", null)));
        Assert.Equal(CampaignVehicleStatus.Installing, CampaignProgressRules.Next(Entry(CampaignVehicleStatus.Downloading), Targets, Firmware("old"), new OtaReport(5, "installing", null)));
        Assert.Equal(CampaignVehicleStatus.Failed, CampaignProgressRules.Next(Entry(CampaignVehicleStatus.Installing), Targets, Firmware("old"), new OtaReport(5, "failed", "flash")));
        Assert.Null(CampaignProgressRules.Next(Entry(CampaignVehicleStatus.Downloading), Targets, Firmware("old"), new OtaReport(5, "downloading", null)));
        Assert.Null(CampaignProgressRules.Next(Entry(CampaignVehicleStatus.Downloading), Targets, Firmware("old"), new OtaReport(5, "rebooting", null)));
    }

    [Fact]
    public void The_ota_object_is_read_with_a_numeric_or_text_campaign_and_ignored_when_malformed()
    {
        Assert.Equal(new OtaReport(5, "failed", "no space"),
            CampaignProgressRules.OtaOf(JsonNode.Parse("""{"ota": {"campaign": 5, "state": "FAILED", "error": "no space"}}""")!.AsObject()));
        Assert.Equal(5, CampaignProgressRules.OtaOf(JsonNode.Parse("""{"ota": {"campaign": "5", "state": "downloading"}}""")!.AsObject())!.Campaign);
        Assert.Null(CampaignProgressRules.OtaOf(JsonNode.Parse("""{"ota": {"campaign": "five", "state": "downloading"}}""")!.AsObject()));
        Assert.Null(CampaignProgressRules.OtaOf(JsonNode.Parse("""{"ota": "downloading"}""")!.AsObject()));
        Assert.Null(CampaignProgressRules.OtaOf(null));
    }

    [Fact]
    public void Eligibility_gives_its_reason()
    {
        var now = DateTimeOffset.UtcNow;
        var campaign = new Campaign { Name = "c", Owner = "o", MinimumStateOfCharge = 30, ReportedWithinHours = 24 };
        VehicleLatestState State(double? soc, TimeSpan ago) => new("V", soc, null, null, null, now - ago);
        Assert.Null(CampaignProgressRules.IneligibleReason(campaign, State(30, TimeSpan.FromHours(1)), false, null, now));
        Assert.Equal("State of charge 29% is below 30%.", CampaignProgressRules.IneligibleReason(campaign, State(29.4, TimeSpan.FromHours(1)), false, null, now));
        Assert.Equal("Has not reported within 24 hours.", CampaignProgressRules.IneligibleReason(campaign, State(90, TimeSpan.FromHours(25)), false, null, now));
        Assert.Equal("Has not reported within 24 hours.", CampaignProgressRules.IneligibleReason(campaign, null, false, null, now));
        Assert.Equal("Has reported no state of charge.", CampaignProgressRules.IneligibleReason(campaign, State(null, TimeSpan.Zero), false, null, now));
        Assert.Equal("In an active managed session.", CampaignProgressRules.IneligibleReason(campaign, State(90, TimeSpan.Zero), true, null, now));
        Assert.Equal("Taking part in campaign 9.", CampaignProgressRules.IneligibleReason(campaign, State(90, TimeSpan.Zero), false, 9, now));
    }

    [Theory]
    [InlineData(10, 0, 9, 90, true)]
    [InlineData(10, 0, 8, 90, false)]
    [InlineData(10, 2, 8, 100, true)]
    [InlineData(10, 10, 0, 50, false)]
    [InlineData(0, 0, 0, 100, true)]
    public void The_threshold_counts_installed_against_the_vehicles_that_could_be_sent(int size, int ineligible, int installed, int threshold, bool met) =>
        Assert.Equal(met, CampaignProgressRules.ThresholdMet(size, ineligible, installed, threshold));

    [Fact]
    public void A_regression_beyond_both_margins_fails_the_gate()
    {
        var verdict = CampaignProgressRules.Evaluate(new HealthFigures(20, 180, 12, 9, 10, 2), 0.05, 50, 5);
        Assert.True(verdict.Regressed);
        Assert.Contains("fault alarms per vehicle 0.5 against 0.011", verdict.Text);
    }

    [Fact]
    public void Charging_failures_alone_fail_the_gate_when_updated_vehicles_have_more_of_them()
    {
        var verdict = CampaignProgressRules.Evaluate(new HealthFigures(100, 100, 50, 48, 0, 0, 20, 1), 0.05, 50, 5);
        Assert.True(verdict.Regressed);
        Assert.Equal("Updated vehicles did worse: charging failures per vehicle 0.2 against 0.01.", verdict.Text);
        Assert.False(CampaignProgressRules.Evaluate(new HealthFigures(100, 100, 50, 48, 0, 0, 2, 1), 0.05, 50, 5).Regressed);
    }

    [Fact]
    public void A_small_sample_or_a_difference_within_the_margins_passes()
    {
        Assert.False(CampaignProgressRules.Evaluate(new HealthFigures(4, 180, 40, 0, 40, 0), 0.05, 50, 5).Regressed);
        Assert.Contains("Too few", CampaignProgressRules.Evaluate(new HealthFigures(4, 180, 40, 0, 40, 0), 0.05, 50, 5).Text);
        // 0.11 against 0.1: above by less than the absolute margin.
        Assert.False(CampaignProgressRules.Evaluate(new HealthFigures(100, 100, 11, 10, 0, 0), 0.05, 50, 5).Regressed);
        // 0.6 against 0.5: above by more than the absolute margin but less than 50 percent.
        Assert.False(CampaignProgressRules.Evaluate(new HealthFigures(100, 100, 60, 50, 0, 0), 0.05, 50, 5).Regressed);
        Assert.True(CampaignProgressRules.Evaluate(new HealthFigures(100, 100, 80, 50, 0, 0), 0.05, 50, 5).Regressed);
    }
}
