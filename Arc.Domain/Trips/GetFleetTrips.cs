using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;

namespace Arc.Domain.Trips;

/// <summary>One vehicle's trips and stops over the fleet page's range, and the totals its row shows.</summary>
public sealed record FleetVehicleTrips(string Vin, TripReport Report)
{
    public int TripCount => Report.Trips.Count;
    public double DistanceKm => Report.Trips.Sum(t => t.DistanceKm);
    public TimeSpan Driving => TimeSpan.FromTicks(Report.Trips.Sum(t => t.Duration.Ticks));

    /// <summary>The fall in state of charge over the trips that reported one; null when none did.</summary>
    public double? SocUsed => Report.Trips.Any(t => t.SocUsed is not null) ? Report.Trips.Sum(t => t.SocUsed ?? 0) : null;
}

/// <summary>A page of a fleet's vehicles (in VIN order) with their trips over one range.</summary>
public sealed record FleetTripReport(int FleetId, string FleetName, DateTimeOffset From, DateTimeOffset To, int VehicleCount, int Page,
    IReadOnlyList<FleetVehicleTrips> Vehicles)
{
    public int PageCount => Math.Max(1, (VehicleCount + GetFleetTrips.PageSize - 1) / GetFleetTrips.PageSize);
}

/// <summary>
/// The trips and stops of a fleet's vehicles over a range of at most <see cref="Longest"/>, <see cref="PageSize"/>
/// vehicles at a time: each vehicle's raw reports are one query (<see cref="TripReading"/>), so a page costs a bounded
/// number of reads whatever the fleet's size. Open to holders of vehicles.vehicle.read and to the fleet's own members
/// (spec/backend.md §3.3), who see every vehicle of it.
/// </summary>
public sealed class GetFleetTrips(IArcDataFactory dataFactory, ICurrentUser user, ITelemetryStore store, TimeProvider time) : IUseCase
{
    public const int PageSize = 25;
    public static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    /// <summary>How many vehicles are read from InfluxDB at once.</summary>
    private const int Parallel = 4;

    public async Task<FleetTripReport> HandleAsync(int fleetId, DateTimeOffset from, DateTimeOffset to, int page = 0, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        TelemetryRange range;
        string name;
        int count;
        List<(string Vin, bool RecordsGps)> vehicles;
        await using (var data = dataFactory.Open())
        {
            if (!await user.HasAsync(Perm.VehicleRead, ct)
                && !await data.AnyAsync(data.FleetUsers.Where(fu => fu.FleetId == fleetId && fu.Username == username), ct))
                throw await user.RefuseAsync(username, Perm.VehicleRead,
                    "You may not view this fleet's trips: it needs the permission vehicles.vehicle.read or membership of the fleet.", "Fleet",
                    fleetId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            name = (await FleetRules.FindAsync(data, fleetId, ct)).Name;
            range = TelemetryRange.Create(from, to, time.GetUtcNow());
            if (range.Length > Longest)
                throw new ValidationFailedException("range", $"A fleet's trips are found over at most {Longest.TotalDays:0} days at a time; choose a shorter range.");
            if (page < 0)
                throw new ValidationFailedException("page", "The page number cannot be negative.");
            var members = data.FleetVehicles.Where(fv => fv.FleetId == fleetId);
            count = await data.CountAsync(members, ct);
            var vins = await data.ListAsync(members.OrderBy(fv => fv.Vin).Skip(page * PageSize).Take(PageSize).Select(fv => fv.Vin), ct);
            var recording = await GpsPrivacy.RecordingGpsAsync(data, vins, ct);
            vehicles = vins.Select(v => (v, recording.Contains(v))).ToList();
        }

        var reports = new FleetVehicleTrips[vehicles.Count];
        await System.Threading.Tasks.Parallel.ForAsync(0, vehicles.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct },
            async (i, token) => reports[i] = new FleetVehicleTrips(vehicles[i].Vin,
                await TripReading.ReadAsync(store, vehicles[i].Vin, vehicles[i].RecordsGps, range, withTrack: false, token)));
        return new FleetTripReport(fleetId, name, range.From, range.To, count, page, reports);
    }
}
