using Arc.Domain.Common;

namespace Arc.Domain.Telemetry;

/// <summary>
/// The points a chart may show for a vehicle: its configured points that carry numbers (GPS as latitude and
/// longitude), for whoever may open the vehicle.
/// </summary>
public sealed class ListChartableTelemetryPoints(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<IReadOnlyList<string>> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var (_, vin) = await ReadableVehicle.RequireAsync(dataFactory, user, environment, vinText, mustExist: true, ct);
        await using var data = dataFactory.Open();
        var points = await data.ListAsync(data.TelemetryPoints.Where(p => p.Vin == vin).Select(p => p.Point), ct);
        var gps = await ReadableVehicle.RecordsGpsAsync(dataFactory, vin, ct);
        return points.Where(p => gps || !GpsPrivacy.Covers(p))
            .SelectMany(p => p == "gps_position" ? ["gps_latitude", "gps_longitude"] : new[] { p })
            .Order(StringComparer.Ordinal).ToList();
    }
}
