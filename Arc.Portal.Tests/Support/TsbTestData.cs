using System.Globalization;
using System.Text;
using Arc.Domain.Models;
using Arc.Domain.Tsbs;
using Arc.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// Bulletins and vehicles of a test's own, made as the administrator, with VINs no other test makes (plant letter B)
/// and bulletin numbers drawn at random.
/// </summary>
public static class TsbTestData
{
    private static int _serial = Random.Shared.Next(0, 400_000);

    /// <summary>A bulletin number no other test uses.</summary>
    public static string NewNumber() => "TSB-T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    /// <summary>The smallest file a PDF reader opens: the header, one empty page, the trailer.</summary>
    public static byte[] Pdf(string text = "Bulletin") => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n% " + text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>Two models of the catalogue that have releases, each with one of its release ids.</summary>
    public static async Task<((int Model, int Release) First, (int Model, int Release) Second)> ModelsAsync(PortalServer portal)
    {
        await using var db = portal.CreateDb();
        var releases = await db.Set<ModelRelease>().AsNoTracking().Where(r => r.ModelId != null).OrderBy(r => r.ModelReleaseId).ToListAsync();
        var byModel = releases.GroupBy(r => r.ModelId!.Value).Select(g => (Model: g.Key, Release: g.First().ModelReleaseId)).Take(2).ToList();
        return (byModel[0], byModel[1]);
    }

    /// <summary>A provisioned vehicle of the release and model year (2010 to 2039), with a VIN of its own.</summary>
    public static async Task<string> AddVehicleAsync(PortalServer portal, int releaseId, int modelYear)
    {
        var serial = Interlocked.Increment(ref _serial);
        var yearCode = "ABCDEFGHJKLMNPRSTVWXY123456789"[modelYear - 2010];
        var chars = $"7F7ACR310{yearCode}B{serial.ToString("D6", CultureInfo.InvariantCulture)}".ToCharArray();
        chars[8] = Vin.ComputeCheckDigit(new string(chars));
        var vin = "DEV-" + new string(chars);
        await using var db = portal.CreateDb();
        db.VehicleSet.Add(new Vehicle { Vin = vin, Created = DateTimeOffset.UtcNow, ModelReleaseId = releaseId });
        await db.SaveChangesAsync();
        return vin;
    }

    public static TsbDraft Draft(int modelId, string years = "2019-2021", string? number = null, string title = "12 V battery drains when parked") =>
        new(number ?? NewNumber(), title, "The telematics unit may stay awake. Update the unit's firmware and test the battery.", [modelId], years,
            new DateOnly(2024, 3, 14), "Electrical, 12 V battery", TsbCommunicationType.ServiceBulletin, new DateOnly(2024, 3, 18), "MC-10176823");

    /// <summary>Creates a bulletin as the administrator and answers its id.</summary>
    public static async Task<int> CreateAsync(PortalServer portal, TsbDraft draft)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await scope.ServiceProvider.GetRequiredService<CreateTsb>().HandleAsync(draft);
    }
}
