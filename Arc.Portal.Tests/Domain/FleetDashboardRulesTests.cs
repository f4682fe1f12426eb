using Arc.Domain.Fleets;

namespace Arc.Portal.Tests.Domain;

/// <summary>The fleet dashboard's definitions: what state a vehicle is in, which charge bar it counts in, and what the table's filters keep.</summary>
public class FleetDashboardRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, 0.0, 0.0, VehicleActivity.NeverReported)]
    [InlineData(30.0, 50.0, -20.0, VehicleActivity.Moving)]
    [InlineData(30.0, 2.5, 50.0, VehicleActivity.Moving)] // regenerative braking puts current into the pack while moving
    [InlineData(30.0, 0.0, 25.0, VehicleActivity.Charging)]
    [InlineData(30.0, 2.0, 1.5, VehicleActivity.Charging)] // at the motion threshold is not moving
    [InlineData(30.0, 0.0, 1.0, VehicleActivity.Parked)] // at the charging threshold is not charging
    [InlineData(30.0, null, null, VehicleActivity.Parked)] // reporting, but neither speed nor current known
    [InlineData(900.0, 40.0, 0.0, VehicleActivity.Moving)] // 15 minutes old is still reporting now
    [InlineData(901.0, 40.0, 0.0, VehicleActivity.Quiet)]
    [InlineData(86_400.0, 0.0, 0.0, VehicleActivity.Quiet)] // exactly a day old is still within the day
    [InlineData(86_401.0, 0.0, 30.0, VehicleActivity.NotReporting)]
    public void A_vehicle_is_classified_from_its_last_report_speed_and_pack_current(double? ageSeconds, double? speed, double? current, VehicleActivity expected)
    {
        DateTimeOffset? lastSeen = ageSeconds is { } s ? Now.AddSeconds(-s) : null;
        Assert.Equal(expected, FleetActivityRules.Classify(lastSeen, speed, current, Now));
    }

    [Fact]
    public void A_report_from_the_future_counts_as_reporting_now()
    {
        // A vehicle clock slightly ahead must not make the vehicle vanish from the counts.
        Assert.Equal(VehicleActivity.Parked, FleetActivityRules.Classify(Now.AddMinutes(2), 0, 0, Now));
    }

    [Fact]
    public void Reporting_and_silent_groups_cover_every_state_but_quiet_once()
    {
        var all = Enum.GetValues<VehicleActivity>();
        Assert.Equal([VehicleActivity.Moving, VehicleActivity.Charging, VehicleActivity.Parked], all.Where(FleetActivityRules.IsReporting));
        Assert.Equal([VehicleActivity.NotReporting, VehicleActivity.NeverReported], all.Where(FleetActivityRules.IsSilent));
        Assert.All(all, a => Assert.False(string.IsNullOrWhiteSpace(FleetActivityRules.Definition(a))));
    }

    [Fact]
    public void Charges_fall_in_bars_of_twenty_percent_with_unknown_last_and_every_vehicle_counted_once()
    {
        var buckets = SocBuckets.Count([0, 19.99, 20, 39.9, 40, 59.99, 60, 79.99, 80, 100, null, double.NaN]);

        Assert.Equal(["0–20 %", "20–40 %", "40–60 %", "60–80 %", "80–100 %", "Unknown"], buckets.Select(b => b.Label));
        Assert.Equal([2, 2, 2, 2, 2, 2], buckets.Select(b => b.Vehicles));
    }

    [Fact]
    public void Readings_outside_zero_to_a_hundred_count_in_the_nearest_end_bar()
    {
        var buckets = SocBuckets.Count([-3, 104.5, double.PositiveInfinity]);

        Assert.Equal([1, 0, 0, 0, 1, 1], buckets.Select(b => b.Vehicles));
    }

    [Fact]
    public void An_empty_fleet_has_every_bar_at_zero()
    {
        Assert.All(SocBuckets.Count([]), b => Assert.Equal(0, b.Vehicles));
        Assert.Equal(new FleetCounts(0, 0, 0, 0, 0, 0), GetFleetDashboard.Count([]));
    }

    private static FleetDashboardVehicle Row(string vin, VehicleActivity activity, string? model = "FUV") =>
        new(vin, model, activity, null, null, null, null, null, null, 0);

    [Fact]
    public void The_table_filters_by_state_group_or_single_state_and_by_text_in_vin_or_model()
    {
        var rows = new[]
        {
            Row("DEV-AAA1", VehicleActivity.Moving), Row("DEV-BBB2", VehicleActivity.Parked, "Deliverator"), Row("DEV-CCC3", VehicleActivity.NotReporting),
            Row("DEV-DDD4", VehicleActivity.NeverReported, null), Row("DEV-EEE5", VehicleActivity.Quiet),
        };

        Assert.Equal(5, FleetDashboardTable.Apply(rows, null, "  ").Count());
        Assert.Equal(["DEV-AAA1", "DEV-BBB2"], FleetDashboardTable.Apply(rows, FleetDashboardTable.Reporting, null).Select(r => r.Vin));
        Assert.Equal(["DEV-CCC3", "DEV-DDD4"], FleetDashboardTable.Apply(rows, FleetDashboardTable.Silent, null).Select(r => r.Vin));
        Assert.Equal(["DEV-EEE5"], FleetDashboardTable.Apply(rows, nameof(VehicleActivity.Quiet), null).Select(r => r.Vin));
        Assert.Equal(["DEV-BBB2"], FleetDashboardTable.Apply(rows, null, "deliv").Select(r => r.Vin));
        Assert.Equal(["DEV-CCC3"], FleetDashboardTable.Apply(rows, null, "ccc").Select(r => r.Vin));
        // A state no one sent from the page (a forged circuit message) matches nothing rather than everything.
        Assert.Empty(FleetDashboardTable.Apply(rows, "42", null));
        Assert.Empty(FleetDashboardTable.Apply(rows, "<script>", null));
    }
}
