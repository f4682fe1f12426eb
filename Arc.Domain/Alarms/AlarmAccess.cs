using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Alarms;

/// <summary>
/// Alarms are read with the vehicles they are about: anyone holding alarms.alarm.read sees the alarms of the vehicles
/// they may read (every vehicle with vehicles.vehicle.read, otherwise those of the fleets they belong to).
/// </summary>
internal static class AlarmAccess
{
    public static async Task<IQueryable<Alarm>> VisibleAsync(IArcData data, ICurrentUser user, string username, CancellationToken ct)
    {
        if (await user.HasAsync(Perm.VehicleRead, ct))
            return data.Alarms;
        var vins = data.FleetVehicles.Where(fv => data.FleetUsers.Any(fu => fu.Username == username && fu.FleetId == fv.FleetId)).Select(fv => fv.Vin);
        return data.Alarms.Where(a => vins.Contains(a.Vin));
    }

    /// <summary>Reads one alarm for a change, after the vehicle rule; a missing one and one on an unreadable vehicle read alike.</summary>
    public static async Task<Alarm> RequireAsync(IArcData data, ICurrentUser user, string username, long alarmId, CancellationToken ct)
    {
        var alarm = await data.FirstOrDefaultAsync(data.Alarms.Where(a => a.Id == alarmId), ct)
            ?? throw new NotFoundException("Alarm", alarmId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await VehicleAccess.RequireReadAsync(data, user, username, alarm.Vin, ct);
        return alarm;
    }
}
