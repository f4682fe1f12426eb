using System.Text.Json;
using Arc.Domain.Common;
using Arc.Domain.InsurerExports;
using Arc.Domain.Telemetry;

namespace Arc.Portal.Tests.Domain;

/// <summary>The insurer export's month window, its miles, its unknown odometers and its file's shape and name.</summary>
public class InsurerExportRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_monthly_run_exports_the_previous_calendar_month_in_utc_also_across_a_new_year()
    {
        Assert.Equal(new ExportMonth(2026, 11), ExportMonth.Previous(Now));
        Assert.Equal(new ExportMonth(2025, 12), ExportMonth.Previous(new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.Zero)));
        // 23:30 on 31 January in Los Angeles is already February in UTC.
        Assert.Equal(new ExportMonth(2026, 1), ExportMonth.Previous(new DateTimeOffset(2026, 1, 31, 23, 30, 0, TimeSpan.FromHours(-8))));
        var month = new ExportMonth(2024, 2);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), month.Start);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), month.End);
    }

    [Theory]
    [InlineData("2026-11", 2026, 11)]
    [InlineData(" 2025-01 ", 2025, 1)]
    public void A_month_that_has_ended_is_read_from_yyyy_mm(string text, int year, int month) =>
        Assert.Equal(new ExportMonth(year, month), ExportMonth.Parse(text, Now));

    [Theory]
    [InlineData(null, "YYYY-MM")]
    [InlineData("", "YYYY-MM")]
    [InlineData("2026-3", "YYYY-MM")]
    [InlineData("2026/03", "YYYY-MM")]
    [InlineData("03-2026", "YYYY-MM")]
    [InlineData("2026-11-01", "YYYY-MM")]
    [InlineData("２０２６-１１", "YYYY-MM")]
    [InlineData("2026-11'; DROP TABLE x", "YYYY-MM")]
    [InlineData("2026-13", "01 to 12")]
    [InlineData("2026-00", "01 to 12")]
    [InlineData("1999-05", "no telemetry before")]
    [InlineData("2026-12", "has not ended")]
    [InlineData("2027-01", "has not ended")]
    [InlineData("9999-12", "has not ended")]
    public void A_malformed_future_or_unfinished_month_is_refused_with_a_clear_message(string? text, string message)
    {
        var e = Assert.Throws<ValidationFailedException>(() => ExportMonth.Parse(text, Now));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_key_is_year_underscore_month_with_the_environment_outside_production()
    {
        var month = new ExportMonth(2026, 3);
        Assert.Equal("client/2026_03.json", month.FileKey("client/", DeploymentEnvironment.Prod));
        Assert.Equal("client/2026_03_dev.json", month.FileKey("client/", DeploymentEnvironment.Dev));
        Assert.Equal("2026_03_staging.json", month.FileKey("", DeploymentEnvironment.Staging));
        Assert.Equal("9a4im0t0-36a1-41b5-92a0-ac660f76c37e/2026_03.json", month.FileKey(new InsurerExportOptions().KeyPrefix, DeploymentEnvironment.Prod));
    }

    [Fact]
    public void Kilometres_become_miles_with_the_old_exports_factor()
    {
        Assert.Equal(0.621371, InsurerDocument.MilesPerKilometre);
        Assert.Equal(62.137, InsurerDocument.Miles(100));
        Assert.Equal(7705.125, InsurerDocument.Miles(12400.2)); // 12400.2 × 0.621371 = 7705.1247
        Assert.Equal(0, InsurerDocument.Miles(0));
    }

    [Fact]
    public void The_months_first_and_last_readings_are_the_start_and_end()
    {
        var readings = new MonthOdometers(Reading(1000, 2), Reading(2000, 28), Reading(900, -3));
        Assert.Equal(new OdometerMiles(621.371, 1242.742), InsurerDocument.Odometer(readings));
        // One reading in the month is both ends.
        Assert.Equal(new OdometerMiles(621.371, 621.371), InsurerDocument.Odometer(new MonthOdometers(Reading(1000, 2), null, null)));
    }

    [Fact]
    public void A_vehicle_silent_all_month_keeps_its_last_known_odometer_and_one_never_heard_from_is_unknown()
    {
        Assert.Equal(new OdometerMiles(559.234, 559.234), InsurerDocument.Odometer(new MonthOdometers(null, null, Reading(900, -40))));
        Assert.Null(InsurerDocument.Odometer(new MonthOdometers(null, null, null)));
        Assert.Null(InsurerDocument.Odometer(null));
    }

    [Fact]
    public void The_file_has_the_old_shape_with_unknown_as_a_string_and_a_missing_city_as_none()
    {
        var known = new InsurerVehicle("7F7ATR312MER00001", "Eugene depot", "Eugene", "OR", "OR-EU-HQ", "rental", "FUV", "670");
        var silent = new InsurerVehicle("7F7ATR312MER00002", "Lot 2", null, null, null, "pilot", null, null);
        var bytes = InsurerDocument.Write(new ExportMonth(2026, 11), [(known, new OdometerMiles(10.5, 20.25)), (silent, null)]);

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.Equal(["start", "end", "vehicles"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-01 00:00:00", root.GetProperty("start").GetString());
        Assert.Equal("2026-12-01 00:00:00", root.GetProperty("end").GetString());
        var first = root.GetProperty("vehicles")[0];
        Assert.Equal(["vin", "location", "coverage", "model", "department_code", "telemetry"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("OR", first.GetProperty("location").GetProperty("state").GetString());
        Assert.Equal("OR-EU-HQ", first.GetProperty("location").GetProperty("location_code").GetString());
        Assert.Equal(20.25, first.GetProperty("telemetry").GetProperty("odometer").GetProperty("end").GetDouble());
        var second = root.GetProperty("vehicles")[1];
        Assert.Equal("unknown", second.GetProperty("telemetry").GetString());
        Assert.Equal("None", second.GetProperty("location").GetProperty("city").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("department_code").ValueKind);
    }

    [Fact]
    public void The_model_is_named_by_the_vins_fifth_character_behind_the_environment_prefix()
    {
        var models = new Dictionary<string, string> { ["T"] = "FUV", ["C"] = "Camera Car" };
        Assert.Equal("FUV", InsurerDocument.ModelOf("DEV-7F7ATR312MER00001", DeploymentEnvironment.Dev, models));
        Assert.Equal("Camera Car", InsurerDocument.ModelOf("STAGE-7F7ACR312MER00001", DeploymentEnvironment.Staging, models));
        Assert.Equal("FUV", InsurerDocument.ModelOf("7F7ATR312MER00001", DeploymentEnvironment.Prod, models));
        Assert.Null(InsurerDocument.ModelOf("7F7AZR312MER00001", DeploymentEnvironment.Prod, models));
        Assert.Null(InsurerDocument.ModelOf("7F7", DeploymentEnvironment.Prod, models));
    }

    private static OdometerReading Reading(double km, int day) => new(km, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddDays(day));
}
