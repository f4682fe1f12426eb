using System.Globalization;
using Arc.Domain.Telemetry;

namespace Arc.Portal.Components.Fleets;

/// <summary>How recently a vehicle on the fleet map last reported; the marker's colour and the legend follow it.</summary>
public enum ReportAge
{
    Recent,
    Quiet,
}

/// <summary>
/// One vehicle on the fleet map, as the marker and its card show it. Values are formatted here, in one culture, and the
/// map's script only places them as text, so nothing a vehicle reports can become markup.
/// </summary>
public sealed record FleetMarker(string Vin, double Lat, double Lng, string State, string Reported, string? Charge, string? Odometer, string Href)
{
    /// <summary>A vehicle silent for longer than this is drawn as quiet: parked, switched off or out of coverage.</summary>
    public static readonly TimeSpan RecentFor = TimeSpan.FromHours(24);

    public static ReportAge AgeOf(DateTimeOffset? lastReport, DateTimeOffset now) =>
        lastReport is { } at && now - at <= RecentFor ? ReportAge.Recent : ReportAge.Quiet;

    /// <summary>The marker of a vehicle with a known position, or null when it has none.</summary>
    public static FleetMarker? From(VehicleLatestState state, DateTimeOffset now) =>
        Make(state.Vin, state.Latitude, state.Longitude, state.LastReport, state.Soc, state.OdometerKm * TelemetryStatus.MilesPerKm, now);

    /// <summary>The marker of a vehicle of the fleet dashboard, or null when it has no known position.</summary>
    public static FleetMarker? From(Arc.Domain.Fleets.FleetDashboardVehicle vehicle, DateTimeOffset now) =>
        Make(vehicle.Vin, vehicle.Latitude, vehicle.Longitude, vehicle.LastSeen, vehicle.Soc, vehicle.OdometerMiles, now);

    private static FleetMarker? Make(string vin, double? latitude, double? longitude, DateTimeOffset? lastReport, double? soc, double? miles, DateTimeOffset now)
    {
        if (latitude is not { } lat || longitude is not { } lng)
            return null;
        var culture = CultureInfo.InvariantCulture;
        return new FleetMarker(vin, lat, lng, AgeOf(lastReport, now) == ReportAge.Recent ? "recent" : "quiet",
            lastReport is { } at ? "Last report " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", culture) : "No report yet",
            soc is { } charge ? string.Create(culture, $"Charge {charge:0} %") : null,
            miles is { } mi ? string.Create(culture, $"Odometer {mi:N0} mi") : null,
            "vehicles/" + Uri.EscapeDataString(vin));
    }
}
