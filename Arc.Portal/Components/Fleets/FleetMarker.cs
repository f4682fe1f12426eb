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
    public static FleetMarker? From(VehicleLatestState state, DateTimeOffset now)
    {
        if (state.Latitude is not { } lat || state.Longitude is not { } lng)
            return null;
        var culture = CultureInfo.InvariantCulture;
        return new FleetMarker(state.Vin, lat, lng, AgeOf(state.LastReport, now) == ReportAge.Recent ? "recent" : "quiet",
            state.LastReport is { } at ? "Last report " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", culture) : "No report yet",
            state.Soc is { } soc ? string.Create(culture, $"Charge {soc:0} %") : null,
            state.OdometerKm is { } km ? string.Create(culture, $"Odometer {km * TelemetryStatus.MilesPerKm:N0} mi") : null,
            "vehicles/" + Uri.EscapeDataString(state.Vin));
    }
}
