using Arc.Domain.Common;

namespace Arc.Domain.Telemetry;

/// <summary>The latest state of many vehicles in one telemetry query, as the fleet list and the fleet map both show it.</summary>
internal static class FleetLatestStates
{
    public const int MaxVehicles = 1000;

    public static async Task<IReadOnlyList<VehicleLatestState>> ReadAsync(IArcDataFactory dataFactory, ITelemetryStore store, IReadOnlyList<string> vins,
        CancellationToken ct)
    {
        if (vins.Count > MaxVehicles)
            throw new ValidationFailedException("vins", $"At most {MaxVehicles} vehicles at once.");
        var distinct = vins.Distinct(StringComparer.Ordinal).ToList();
        var states = await store.LatestStatesAsync(distinct, ct);
        await using var data = dataFactory.Open();
        var recording = (await data.ListAsync(data.VehicleMeta.Where(m => distinct.Contains(m.Vin) && m.Section == "privacy" && m.Key == "record_gps"
            && m.Value.ToLower() == "true").Select(m => m.Vin), ct)).ToHashSet(StringComparer.Ordinal);
        // A vehicle that does not record GPS shows no position, here as on its own page.
        return states.Select(s => recording.Contains(s.Vin) ? s : s with { Latitude = null, Longitude = null }).ToList();
    }
}
