using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

/// <summary>
/// The gate the vehicle telemetry use cases share: the caller may read the vehicle (vehicles.vehicle.read or membership
/// of a fleet that holds it: spec/backend.md §3.3).
/// </summary>
internal static class ReadableVehicle
{
    /// <param name="mustExist">Also refuse a VIN that is not in the portal (the telemetry tab's reads; the export list does not ask).</param>
    public static async Task<(string Username, string Vin)> RequireAsync(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment,
        string vinText, bool mustExist, CancellationToken ct)
    {
        var username = await user.RequireSignedInAsync(ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        await VehicleAccess.RequireReadAsync(data, user, username, vin, ct);
        if (mustExist && !await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
            throw new NotFoundException("Vehicle", vin);
        return (username, vin);
    }

    public static async Task<bool> RecordsGpsAsync(IArcDataFactory dataFactory, string vin, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        return await GpsPrivacy.RecordsGpsAsync(data, vin, ct);
    }
}
