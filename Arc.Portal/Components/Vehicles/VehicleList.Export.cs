using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;

namespace Arc.Portal.Components.Vehicles;

/// <summary>A vehicle as the list shows it, with the telemetry columns read alongside.</summary>
public sealed record VehicleExportRow(VehicleRow Vehicle, VehicleLatestState? State);

public partial class VehicleList
{
    private IReadOnlyList<CsvColumn<VehicleExportRow>> ExportColumns =>
    [
        new("VIN", r => r.Vehicle.Vin),
        new("Model", r => r.Vehicle.ModelName),
        new("Model release", r => r.Vehicle.ReleaseDescription),
        new("Year", r => Vin.TryParse(r.Vehicle.Vin, Environment.Environment, out var vin, out _) ? vin.ModelYear.ToString(CultureInfo.InvariantCulture) : null),
        new("Provisioned (UTC)", r => r.Vehicle.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
        new("Charge (%)", r => r.State?.Soc?.ToString("0", CultureInfo.InvariantCulture)),
        new("Odometer (mi)", r => (r.State?.OdometerKm * TelemetryStatus.MilesPerKm)?.ToString("0", CultureInfo.InvariantCulture)),
        new("Last report (UTC)", r => NewestReport(r.Vehicle, r.State)?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
    ];

    /// <summary>One page of the export: the list's query with its current filters and sort, and that page's telemetry.</summary>
    private async Task<Page<VehicleExportRow>> ReadExportPageAsync(int index, int size, CancellationToken ct)
    {
        var page = await List.HandleAsync(Query(index, size), ct);
        var states = new Dictionary<string, VehicleLatestState>(StringComparer.Ordinal);
        try
        {
            foreach (var state in await LatestState.HandleAsync(page.Items.Select(v => v.Vin).ToList(), ct))
                states[state.Vin] = state;
        }
        catch (Exception e) when (e is DomainException or HttpRequestException)
        {
            // As on the page: without the telemetry store the export still holds the vehicles, their telemetry empty.
        }
        return new(page.Items.Select(v => new VehicleExportRow(v, states.GetValueOrDefault(v.Vin))).ToList(), page.TotalCount, page.PageIndex, page.PageSize);
    }
}
