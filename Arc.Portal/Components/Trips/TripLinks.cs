using System.Globalization;
using Arc.Domain.Trips;

namespace Arc.Portal.Components.Trips;

/// <summary>The addresses of the trips downloads (Endpoints/TripEndpoints.cs) for a range, or for one trip of it named by its start.</summary>
public static class TripLinks
{
    public static string Vehicle(string vin, DateTimeOffset from, DateTimeOffset to, string format, Trip? trip = null)
    {
        var link = $"vehicles/{Uri.EscapeDataString(vin)}/trips.{format}?from={Stamp(from)}&to={Stamp(to)}";
        return trip is null ? link : link + $"&trip={Stamp(trip.Start)}";
    }

    public static string Fleet(int fleetId, DateTimeOffset from, DateTimeOffset to, int page) =>
        string.Create(CultureInfo.InvariantCulture, $"fleets/{fleetId}/trips.csv?from={Stamp(from)}&to={Stamp(to)}&page={page}");

    private static string Stamp(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
