using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;
using Arc.Portal.Tests.Integration.Intake;

namespace Arc.Portal.Tests.Support;

/// <summary>A vehicle of a test's own that records GPS, with a drive written to InfluxDB at 1 Hz: parked, driving east, parked.</summary>
internal static class TripTestData
{
    public sealed record Drive(string Vin, DateTimeOffset TripStart, DateTimeOffset TripEnd);

    /// <summary>Parked for <paramref name="parkedMinutes"/>, driving at 48 km/h for <paramref name="drivingMinutes"/>, parked again, ending a minute ago.</summary>
    public static async Task<Drive> WriteDriveAsync(PortalServer portal, int parkedMinutes = 10, int drivingMinutes = 15)
    {
        var vin = await IntakeTestData.NewVehicleAsync(portal);
        await using (var db = portal.CreateDb())
        {
            db.Add(new VehicleMeta { Vin = vin, Section = "privacy", Key = "record_gps", Value = "true" });
            await db.SaveChangesAsync();
        }
        var seconds = (2 * parkedMinutes + drivingMinutes) * 60;
        var start = DateTimeOffset.UtcNow.AddMinutes(-1).AddSeconds(-seconds);
        start = DateTimeOffset.FromUnixTimeSeconds(start.ToUnixTimeSeconds());
        var samples = new List<TelemetrySample>(seconds);
        var km = 0.0;
        for (var s = 0; s < seconds; s++)
        {
            var driving = s >= parkedMinutes * 60 && s < (parkedMinutes + drivingMinutes) * 60;
            var speed = driving ? 48.0 : 0.0;
            samples.Add(new TelemetrySample(vin, start.AddSeconds(s), new Dictionary<string, double>
            {
                ["speed"] = speed, ["odometer"] = 2000 + km, ["bms_pack_soc"] = 80 - km * 0.25,
                ["gps_latitude"] = 44.05, ["gps_longitude"] = -123.10 + km / 80.0,
            }));
            km += speed / 3600;
        }
        await portal.Services.GetRequiredService<ITelemetryStore>().WriteAsync(samples);
        return new Drive(vin, start.AddMinutes(parkedMinutes), start.AddMinutes(parkedMinutes + drivingMinutes));
    }
}
