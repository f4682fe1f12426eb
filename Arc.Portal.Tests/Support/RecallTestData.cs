using System.Globalization;
using Arc.Domain.Recalls;
using Arc.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// Recalls and vehicles of a test's own, made through the use cases as the administrator, with VINs no other test
/// makes (model letter C, plant letter K).
/// </summary>
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

    /// <summary>A campaign number in its stored form (<c>19V417000</c>); a year up to 2025 so none lies in the future.</summary>
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

    /// <summary>A safety recall for the pages, titled as the test likes.</summary>
    public static RecallDraft Draft(string title, string? number = null) =>
        new(title, "Fittings may loosen over time and leak brake fluid.", number ?? NewNumber(), "AR-2023-07", null, true,
            "Loss of rear braking raises the risk of a crash.", "Service brakes", new DateOnly(2023, 11, 20), new DateOnly(2023, 11, 27));

    /// <summary>A safety recall whose owners are told not to drive, as the public lookup reports it.</summary>
    public static RecallDraft DoNotDriveDraft(string? number = null, string component = "Service brakes") =>
        new("Brake line fittings", "Fittings may loosen over time.", number ?? NewNumber(), "AR-2023-07", null, true, "Loss of rear braking.",
            component, new DateOnly(2023, 11, 20), new DateOnly(2023, 11, 27), null, DoNotDrive: true);

    /// <summary>A campaign number no recall in the test database holds yet.</summary>
    public static async Task<string> FreeNumberAsync(PortalServer portal)
    {
        await using var db = portal.CreateDb();
        while (true)
        {
            var number = NewNumber();
            if (!await db.Set<Recall>().AnyAsync(r => r.NhtsaNumber == number))
                return number;
        }
    }

    /// <summary>Creates a recall and, if asked, its remedy; answers its id and stored campaign number.</summary>
    public static async Task<(int Id, string Number)> CreateAsync(PortalServer portal, string title, RemedyType? remedy = null)
    {
        var number = await FreeNumberAsync(portal);
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var sp = scope.ServiceProvider;
        var id = await sp.GetRequiredService<CreateRecall>().HandleAsync(Draft(title, number));
        if (remedy is { } type)
            await sp.GetRequiredService<CreateRemedy>().HandleAsync(id, "Replace both fittings and bleed the brakes.", type);
        return (id, number);
    }

    /// <summary>Creates a recall with a dealer-repair remedy in the caller's scope, so its vehicles can be serviced.</summary>
    public static async Task<int> CreateWithRemedyAsync(IServiceProvider sp, RecallDraft draft)
    {
        var id = await sp.GetRequiredService<CreateRecall>().HandleAsync(draft);
        await sp.GetRequiredService<CreateRemedy>().HandleAsync(id, "Replace both fittings and bleed the brakes.", RemedyType.DealerRepair);
        return id;
    }

    /// <summary>Adds the vehicles to the recall, open, as the administrator.</summary>
    public static async Task AddToRecallAsync(PortalServer portal, int recallId, IEnumerable<string> vins)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        await scope.ServiceProvider.GetRequiredService<AddRecallVehicles>().HandleAsync(recallId, string.Join('\n', vins));
    }

    /// <summary>Changes one vehicle's entry in the recall, as the administrator.</summary>
    public static async Task EditEntryAsync(PortalServer portal, int recallId, string vin, RecallVehicleDraft draft)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        await scope.ServiceProvider.GetRequiredService<EditRecallVehicle>().HandleAsync(recallId, vin, draft);
    }

    /// <summary>The recall's entries as stored, by VIN.</summary>
    public static async Task<Dictionary<string, RecallVehicle>> EntriesAsync(PortalServer portal, int recallId)
    {
        await using var db = portal.CreateDb();
        return await db.Set<RecallVehicle>().AsNoTracking().Where(v => v.RecallId == recallId).ToDictionaryAsync(v => v.Vin);
    }

    public static async Task<int> CountAsync<T>(PortalServer portal) where T : class
    {
        await using var db = portal.CreateDb();
        return await db.Set<T>().CountAsync();
    }
}
