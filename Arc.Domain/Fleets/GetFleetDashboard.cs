using Arc.Domain.Alarms;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;

namespace Arc.Domain.Fleets;

/// <summary>One vehicle of the dashboard's table; the position only for a vehicle that records GPS.</summary>
public sealed record FleetDashboardVehicle(string Vin, string? Model, VehicleActivity Activity, DateTimeOffset? LastSeen, double? Soc, double? OdometerMiles,
    double? SpeedKmh, double? Latitude, double? Longitude, int ActiveAlarms);

/// <summary>The quick-glance counts; definitions in <see cref="FleetActivityRules"/>.</summary>
public sealed record FleetCounts(int Vehicles, int Reporting, int Moving, int Parked, int Charging, int Silent);

/// <summary>The fleet's active alarms, newest first (at most <see cref="GetFleetDashboard.MaxAlarms"/>), and how many there are in all.</summary>
public sealed record FleetAlarms(IReadOnlyList<AlarmRow> Newest, int Total);

/// <param name="Alarms">Null when the caller may not read alarms (alarms.alarm.read).</param>
public sealed record FleetDashboard(int FleetId, string FleetName, DateTimeOffset At, FleetCounts Counts, IReadOnlyList<SocBucket> Soc, double TotalMiles,
    int VehiclesWithOdometer, IReadOnlyList<FleetDashboardVehicle> Vehicles, FleetAlarms? Alarms);

/// <summary>
/// The fleet dashboard: counts, state-of-charge distribution, mileage, active alarms and the table of the fleet's
/// vehicles. Open to the fleet's members and to staff who may read every vehicle (vehicles.vehicle.read), the rule of
/// every vehicle read (spec/backend.md §3.3); the alarms need alarms.alarm.read as well, as everywhere else.
/// Whatever the fleet's size, it costs three PostgreSQL statements (five with alarms) besides reading the caller's
/// permissions, and no request to the telemetry store once the read model knows the fleet's vehicles.
/// </summary>
public sealed class GetFleetDashboard(IArcDataFactory dataFactory, ICurrentUser user, ILatestTelemetry latest, TimeProvider time) : IUseCase
{
    public const int MaxAlarms = 50;

    public async Task<FleetDashboard> HandleAsync(int fleetId, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var readsAll = await user.HasAsync(Perm.VehicleRead, ct);
        var readsAlarms = await user.HasAsync(Perm.AlarmRead, ct);
        await using var data = dataFactory.Open();

        // 1. The fleet and whether the caller belongs to it. Someone who may not see the fleet is refused before learning whether it exists.
        var fleet = await data.FirstOrDefaultAsync(data.Fleets.Where(f => f.Id == fleetId)
            .Select(f => new { f.Id, f.Name, Member = data.FleetUsers.Any(u => u.FleetId == f.Id && u.Username == username) }), ct);
        if (!readsAll && fleet is not { Member: true })
            throw await user.RefuseAsync(username, Perm.VehicleRead,
                "You may not open this fleet's dashboard: it needs membership of the fleet or the permission vehicles.vehicle.read.",
                FleetAuditActions.EntityType, FleetRules.Id(fleetId), ct);
        if (fleet is null)
            throw new NotFoundException("Fleet", FleetRules.Id(fleetId));

        // 2. Its vehicles with model, intake last-seen time and whether they record GPS, in one statement.
        var vehicles = await data.ListAsync(data.Vehicles.Where(v => data.FleetVehicles.Any(fv => fv.FleetId == fleetId && fv.Vin == v.Vin))
            .OrderBy(v => v.Vin)
            .Select(v => new
            {
                v.Vin,
                Model = v.ModelRelease == null || v.ModelRelease.Model == null ? null : v.ModelRelease.Model.ModelName,
                LastSeen = data.IntakeVehicleStats.Where(s => s.Vin == v.Vin).Max(s => s.LastSeen),
                RecordsGps = data.VehicleMeta.Any(m => m.Vin == v.Vin && m.Section == "privacy" && m.Key == "record_gps" && m.Value.ToLower() == "true"),
            }), ct);

        // 3. and 4. The active alarms of its vehicles: how many per vehicle, and the newest.
        FleetAlarms? alarms = null;
        var alarmsByVin = new Dictionary<string, int>(StringComparer.Ordinal);
        if (readsAlarms)
        {
            var active = data.Alarms.Where(a => a.ClearedAt == null && data.FleetVehicles.Any(fv => fv.FleetId == fleetId && fv.Vin == a.Vin));
            foreach (var row in await data.ListAsync(active.GroupBy(a => a.Vin).Select(g => new { Vin = g.Key, Count = g.Count() }), ct))
                alarmsByVin[row.Vin] = row.Count;
            var newest = await data.ListAsync(active.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).Take(MaxAlarms)
                .Select(a => new AlarmRow(a.Id, a.RuleId, a.Rule!.Name, a.Vin, a.Severity,
                    a.AcknowledgedAt == null ? AlarmStatuses.ActiveUnacknowledged : AlarmStatuses.ActiveAcknowledged,
                    a.RaisedAt, a.Value, a.Details, a.AcknowledgedBy, a.AcknowledgedAt, a.ClearedBy, a.ClearedAt)), ct);
            alarms = new FleetAlarms(newest, alarmsByVin.Values.Sum());
        }

        // 5. The latest telemetry of every vehicle, from the read model kept as telemetry is written.
        var states = (await latest.ActivityAsync(vehicles.Select(v => v.Vin).ToList(), ct)).ToDictionary(s => s.Vin, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var rows = vehicles.Select(v =>
        {
            var state = states.GetValueOrDefault(v.Vin);
            var lastSeen = Newest(state?.LastReport, v.LastSeen);
            return new FleetDashboardVehicle(v.Vin, v.Model, FleetActivityRules.Classify(lastSeen, state?.SpeedKmh, state?.PackCurrentA, now), lastSeen,
                state?.Soc, state?.OdometerKm * TelemetryStatus.MilesPerKm, state?.SpeedKmh,
                v.RecordsGps ? state?.Latitude : null, v.RecordsGps ? state?.Longitude : null, alarmsByVin.GetValueOrDefault(v.Vin));
        }).ToList();
        return new FleetDashboard(fleet.Id, fleet.Name, now, Count(rows), SocBuckets.Count(rows.Select(r => r.Soc)),
            rows.Sum(r => r.OdometerMiles ?? 0), rows.Count(r => r.OdometerMiles is not null), rows, alarms);
    }

    public static FleetCounts Count(IReadOnlyCollection<FleetDashboardVehicle> rows) => new(rows.Count,
        rows.Count(r => FleetActivityRules.IsReporting(r.Activity)), rows.Count(r => r.Activity == VehicleActivity.Moving),
        rows.Count(r => r.Activity == VehicleActivity.Parked), rows.Count(r => r.Activity == VehicleActivity.Charging),
        rows.Count(r => FleetActivityRules.IsSilent(r.Activity)));

    private static DateTimeOffset? Newest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
