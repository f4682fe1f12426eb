using Arc.Domain.Fleets;
using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;
using Arc.Portal.Tests.Integration.Intake;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// Fleets of a test's own for the fleet dashboard, with vehicles no other test writes telemetry for, and their latest
/// reports written as the vehicles would send them.
/// </summary>
public static class DashboardTestData
{
    public sealed record TestFleet(int Id, string Name, IReadOnlyList<string> Vins);

    /// <summary>What one vehicle last reported; null values are not sent.</summary>
    public sealed record Report(DateTimeOffset At, double? Speed = null, double? PackCurrent = null, double? Soc = null, double? OdometerKm = null,
        double? Latitude = null, double? Longitude = null);

    /// <summary>A new fleet holding <paramref name="count"/> new vehicles; <paramref name="recordGps"/> of them (the first) record GPS.</summary>
    public static async Task<TestFleet> FleetAsync(PortalServer portal, int count, int recordGps = 0, string what = "Dashboard")
    {
        var vins = new List<string>();
        for (var i = 0; i < count; i++)
            vins.Add(await IntakeTestData.NewVehicleAsync(portal));
        await using var db = portal.CreateDb();
        var fleet = new Fleet { Name = FleetTestData.NewFleetName(what) };
        db.FleetSet.Add(fleet);
        await db.SaveChangesAsync();
        db.FleetVehicleSet.AddRange(vins.Select(v => new FleetVehicle { FleetId = fleet.Id, Vin = v }));
        db.VehicleMetaSet.AddRange(vins.Take(recordGps).Select(v => new VehicleMeta { Vin = v, Section = "privacy", Key = "record_gps", Value = "true" }));
        await db.SaveChangesAsync();
        return new TestFleet(fleet.Id, fleet.Name, vins);
    }

    /// <summary>A new user in the given permission groups (none: no permission at all) and a member of the fleets.</summary>
    public static async Task<string> MemberAsync(PortalServer portal, int[] fleetIds, params string[] groups)
    {
        var username = await portal.CreateUserAsync($"fleet-member-{Guid.NewGuid():N}@arc.test", groups);
        await using var db = portal.CreateDb();
        db.FleetUserSet.AddRange(fleetIds.Select(id => new FleetUser { FleetId = id, Username = username }));
        await db.SaveChangesAsync();
        return username;
    }

    public static Task ReportAsync(PortalServer portal, string vin, Report report)
    {
        var fields = new Dictionary<string, double>();
        void Put(string point, double? value)
        {
            if (value is { } v)
                fields[point] = v;
        }
        Put("speed", report.Speed);
        Put("bms_pack_current", report.PackCurrent);
        Put("bms_pack_soc", report.Soc);
        Put("odometer", report.OdometerKm);
        Put("gps_latitude", report.Latitude);
        Put("gps_longitude", report.Longitude);
        return portal.Services.GetRequiredService<ITelemetryStore>().WriteAsync([new TelemetrySample(vin, report.At, fields)]);
    }
}
