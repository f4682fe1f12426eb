using Arc.Domain.Fleets;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Seeding;

namespace Arc.Portal.Tests.Support;

/// <summary>Vehicles and fleets of a test's own, so no test depends on what another did to the demo data.</summary>
public static class FleetTestData
{
    /// <summary>A well-formed development VIN no demo vehicle has (the demo serials are small), different on every call.</summary>
    public static string NewVin() => "DEV-" + DemoData.MakeVin('T', 'W', Random.Shared.Next(40_000, 99_999));

    /// <summary>Provisions <paramref name="count"/> new vehicles (in the maker's fleet, as provisioning leaves them) and returns their VINs.</summary>
    public static async Task<List<string>> AddVehiclesAsync(PortalServer portal, int count)
    {
        var vins = Enumerable.Range(0, count).Select(_ => NewVin()).Distinct().ToList();
        await using var db = portal.CreateDb();
        foreach (var vin in vins)
        {
            db.VehicleSet.Add(new Vehicle { Vin = vin, Created = DateTimeOffset.UtcNow });
            db.FleetVehicleSet.Add(new FleetVehicle { Vin = vin, FleetId = Fleet.MakerFleetId });
        }
        await db.SaveChangesAsync();
        return vins;
    }

    public static string NewFleetName(string what = "Test fleet") => $"{what} {Guid.NewGuid():N}"[..(what.Length + 9)];
}
