using Arc.Domain.Common;
using Arc.Domain.Telemetry;

namespace Arc.Domain.Fleets;

/// <summary>A fleet's public figure: how far its vehicles have driven altogether, in whole miles.</summary>
public sealed record FleetStatistics(string FleetName, long TotalMileage);

/// <summary>
/// The public total mileage of a fleet (spec/backend.md §1.6 <c>fleets_statistics_get</c>), for anyone, signed in or
/// not: the sum over the fleet's vehicles of each one's latest odometer, read for all of them at once whatever the
/// fleet's size. Without a name it answers for the maker's own fleet, as the old endpoint answered for the maker's name.
/// </summary>
public sealed class GetFleetStatistics(IArcDataFactory dataFactory, ITelemetryStore store) : IUseCase
{
    public const int MaxNameLength = 100;

    /// <summary>The old system's factor, kept so that the published figure does not move when the portal takes over.</summary>
    public const double MilesPerKilometre = 0.62137;

    public async Task<FleetStatistics> HandleAsync(string? fleetName, CancellationToken ct = default)
    {
        var name = Check(fleetName);
        await using var data = dataFactory.Open();
        var fleets = name is null ? data.Fleets.Where(f => f.Id == Fleet.MakerFleetId) : data.Fleets.Where(f => f.Name == name).OrderBy(f => f.Id);
        var fleet = await data.FirstOrDefaultAsync(fleets, ct) ?? throw new NotFoundException("Fleet", name ?? Fleet.MakerFleetId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var vins = await data.ListAsync(data.FleetVehicles.Where(v => v.FleetId == fleet.Id).Select(v => v.Vin), ct);
        var odometers = await store.LatestOdometersAsync(vins, ct);
        var miles = odometers.Values.Sum() * MilesPerKilometre;
        return new FleetStatistics(fleet.Name, (long)Math.Round(miles, MidpointRounding.AwayFromZero));
    }

    /// <summary>The name to look up, or null for the maker's fleet; a blank name is no name, as a bare <c>fleet_name=</c> is.</summary>
    public static string? Check(string? fleetName)
    {
        if (string.IsNullOrWhiteSpace(fleetName))
            return null;
        var name = fleetName.Trim();
        if (name.Length > MaxNameLength)
            throw new ValidationFailedException("fleet_name", $"A fleet name has at most {MaxNameLength} characters.");
        if (name.Any(char.IsControl))
            throw new ValidationFailedException("fleet_name", "A fleet name cannot contain control characters.");
        return name;
    }
}
