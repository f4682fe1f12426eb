using System.Globalization;
using System.Text;
using Arc.Domain.Intake;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Intake;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration.Intake;

/// <summary>Vehicles of their own for intake tests (the telemetry store is shared by every test portal), and messages in the old format.</summary>
internal static class IntakeTestData
{
    private static int _next = Random.Shared.Next(60_000, 90_000);

    /// <summary>A provisioned vehicle no other test writes telemetry for.</summary>
    public static async Task<string> NewVehicleAsync(PortalServer portal)
    {
        var vin = "DEV-" + DemoData.MakeVin('W', 'P', Interlocked.Increment(ref _next));
        await using var db = portal.CreateDb();
        db.Add(new Vehicle { Vin = vin, Created = DateTimeOffset.UtcNow, ModelReleaseId = db.Set<Arc.Domain.Models.ModelRelease>().OrderBy(r => r.ModelReleaseId).Select(r => (int?)r.ModelReleaseId).First() });
        await db.SaveChangesAsync();
        return vin;
    }

    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>A telemetry body as vehicles send it: one data item per moment.</summary>
    public static string Body(string vin, params (DateTimeOffset At, double Soc)[] items) =>
        $"{{\"vin\":\"{vin}\",\"data\":[{string.Join(",", items.Select(i => $"{{\"bms_pack_soc\":{i.Soc.ToString(CultureInfo.InvariantCulture)},\"gps_position\":\"44.05,-123.08\",\"timestamp\":\"{Stamp(i.At)}\"}}"))}]}}";

    public static IntakeMessage Message(string body, IntakeSource source = IntakeSource.Mqtt, string? topic = null, int attempt = 1, string? id = null) =>
        new(source, id ?? Guid.NewGuid().ToString("N"), topic, Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow, attempt);

    public static async Task<IntakeOutcome> SendAsync(this IIntakePipeline pipeline, IntakeMessage message) =>
        await (await pipeline.EnqueueAsync(message)).WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>The counts of a vehicle once the ledger has written them.</summary>
    public static async Task<IntakeVehicleStats?> StatsAsync(PortalServer portal, string vin)
    {
        await portal.Services.GetRequiredService<IntakeLedgerFlusher>().FlushAsync(CancellationToken.None);
        await using var db = portal.CreateDb();
        return await db.Set<IntakeVehicleStats>().AsNoTracking().SingleOrDefaultAsync(s => s.Vin == vin);
    }
}
