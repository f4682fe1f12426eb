using System.Globalization;
using Arc.Domain.Recalls;
using Arc.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Support;

/// <summary>Recalls and vehicles of a test's own, with VINs no other test makes (model letter C, plant letter K).</summary>
public static class RecallTestData
{
    private static int _serial = Random.Shared.Next(0, 400_000);

    /// <summary>A well-formed development VIN, different on every call within the run.</summary>
    public static string NewVin()
    {
        var serial = Interlocked.Increment(ref _serial);
        var chars = $"7F7ACR310SK{serial.ToString("D6", CultureInfo.InvariantCulture)}".ToCharArray();
        chars[8] = Vin.ComputeCheckDigit(new string(chars));
        return "DEV-" + new string(chars);
    }

    public static string NewNumber() => $"{Random.Shared.Next(0, 26):D2}{"VETC"[Random.Shared.Next(4)]}{Random.Shared.Next(1, 1000):D3}000";

    /// <summary>Provisions <paramref name="count"/> vehicles in one statement per thousand and returns their VINs.</summary>
    public static async Task<List<string>> AddVehiclesAsync(PortalServer portal, int count)
    {
        var vins = Enumerable.Range(0, count).Select(_ => NewVin()).ToList();
        await using var db = portal.CreateDb();
        db.VehicleSet.AddRange(vins.Select(v => new Vehicle { Vin = v, Created = DateTimeOffset.UtcNow }));
        await db.SaveChangesAsync();
        return vins;
    }

    public static RecallDraft Draft(string? number = null, string component = "Service brakes") =>
        new("Brake line fittings", "Fittings may loosen over time.", number ?? NewNumber(), "AR-2023-07", null, true, "Loss of rear braking.",
            component, new DateOnly(2023, 11, 20), new DateOnly(2023, 11, 27), null, DoNotDrive: true);

    public static async Task<int> CountAsync<T>(PortalServer portal) where T : class
    {
        await using var db = portal.CreateDb();
        return await db.Set<T>().CountAsync();
    }
}
