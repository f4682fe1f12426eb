using Arc.Domain.Fleets;
using Arc.Domain.InsurerExports;
using Arc.Domain.Locations;
using Arc.Domain.Vehicles;
using Arc.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Support;

/// <summary>A fleet the insurer export covers (a type and a location), with vehicles of its own, and their odometers.</summary>
public static class InsurerExportTestData
{
    /// <summary>The month before last: wholly in the down-sampled series, and over, whatever day the tests run.</summary>
    public static ExportMonth MonthBeforeLast() => ExportMonth.Previous(ExportMonth.Previous(DateTimeOffset.UtcNow).Start);

    /// <summary>A rental fleet at a location of its own (with a city, state and code), booked to department 670, holding the VINs.</summary>
    public static async Task<(int FleetId, string Location, string Code)> CreateCoveredFleetAsync(PortalServer portal, IReadOnlyList<string> vins)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await using var db = portal.CreateDb();
        var code = new AccountingLocationCode { Code = "T-" + suffix };
        db.Set<AccountingLocationCode>().Add(code);
        await db.SaveChangesAsync();
        var location = new Location
        {
            Name = "Depot " + suffix, City = "Eugene", GoverningDistrict = "OR", Country = "US", AccountingLocationCodeId = code.Id, CreatedBy = "test",
        };
        db.Set<Location>().Add(location);
        await db.SaveChangesAsync();
        var department = await db.Set<DepartmentCode>().Where(c => c.Code == "670").Select(c => c.Id).SingleAsync();
        var fleet = new Fleet { Name = FleetTestData.NewFleetName("Insured"), TypeId = 3, LocationId = location.Id, DepartmentCodeId = department };
        db.Set<Fleet>().Add(fleet);
        await db.SaveChangesAsync();
        foreach (var vin in vins)
        {
            if (!await db.Set<Vehicle>().AnyAsync(v => v.Vin == vin))
                db.Set<Vehicle>().Add(new Vehicle { Vin = vin, Created = DateTimeOffset.UtcNow });
            db.Set<FleetVehicle>().Add(new FleetVehicle { Vin = vin, FleetId = fleet.Id });
        }
        await db.SaveChangesAsync();
        return (fleet.Id, location.Name, code.Code);
    }

    /// <summary>An odometer in the down-sampled series (<c>365d</c>), as left by raw data older than 30 days.</summary>
    public static async Task WriteDownsampledOdometerAsync(PortalServer portal, string vin, double km, DateTimeOffset at)
    {
        var http = portal.Services.GetRequiredService<IHttpClientFactory>().CreateClient(InfrastructureServiceCollectionExtensions.TelemetryClient);
        using var content = new StringContent(FormattableString.Invariant($"telemetry,vin={vin} last_odometer={km} {at.ToUnixTimeMilliseconds()}"));
        using var response = await http.PostAsync("write?db=amtelemetry&rp=365d&precision=ms", content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Waits until the month's export has finished (done or failed) and returns its row.</summary>
    public static Task<InsurerExport> FinishedAsync(PortalServer portal, ExportMonth month) =>
        Eventually.ReturnsAsync(async () =>
        {
            await using var db = portal.CreateDb();
            return await db.Set<InsurerExport>().AsNoTracking().SingleAsync(e => e.Year == month.Year && e.Month == month.Month);
        }, e => e.Status is InsurerExportStatus.Done or InsurerExportStatus.Failed, TimeSpan.FromSeconds(30), $"the export of {month} finishing");
}
