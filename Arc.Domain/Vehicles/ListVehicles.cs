using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Vehicles;

public enum VehicleSort
{
    Vin,
    Created,
    Model,
    Release,
    LastSeen,
}

public sealed record ListVehiclesQuery(
    string? VinContains = null,
    int? ModelId = null,
    int? ModelReleaseId = null,
    int? FleetId = null,
    VehicleSort SortBy = VehicleSort.Vin,
    bool Descending = false,
    int PageIndex = 0,
    int PageSize = 20);

/// <param name="LastSeen">The newest device time the intake has written for the vehicle (its read model, kept every few
/// seconds), null when it has sent nothing through the intake.</param>
public sealed record VehicleRow(string Vin, string? ModelName, string? ReleaseDescription, int? ModelReleaseId, DateTimeOffset Created,
    DateTimeOffset? LastSeen = null);

/// <summary>The vehicle list: server-side filtering (VIN substring, model, release, fleet), sorting and paging.</summary>
public sealed class ListVehicles(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const int MaxVinFilterLength = 23;

    public async Task<Page<VehicleRow>> HandleAsync(ListVehiclesQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleRead, ct);
        var (pageIndex, pageSize) = Paging.Normalize(query.PageIndex, query.PageSize);
        var vinFilter = NormalizeVinFilter(query.VinContains);

        await using var data = dataFactory.Open();
        var vehicles = data.Vehicles;
        if (vinFilter is not null)
            vehicles = vehicles.Where(v => v.Vin.Contains(vinFilter));
        if (query.ModelReleaseId is { } releaseId)
            vehicles = vehicles.Where(v => v.ModelReleaseId == releaseId);
        if (query.ModelId is { } modelId)
            vehicles = vehicles.Where(v => v.ModelRelease != null && v.ModelRelease.ModelId == modelId);
        if (query.FleetId is { } fleetId)
            vehicles = vehicles.Where(v => data.FleetVehicles.Any(f => f.FleetId == fleetId && f.Vin == v.Vin));

        var total = await data.CountAsync(vehicles, ct);
        var ordered = (query.SortBy, query.Descending) switch
        {
            (VehicleSort.Created, false) => vehicles.OrderBy(v => v.Created).ThenBy(v => v.Vin),
            (VehicleSort.Created, true) => vehicles.OrderByDescending(v => v.Created).ThenBy(v => v.Vin),
            (VehicleSort.Model, false) => vehicles.OrderBy(v => v.ModelRelease!.Model!.ModelName).ThenBy(v => v.Vin),
            (VehicleSort.Model, true) => vehicles.OrderByDescending(v => v.ModelRelease!.Model!.ModelName).ThenBy(v => v.Vin),
            (VehicleSort.Release, false) => vehicles.OrderBy(v => v.ModelRelease!.Description).ThenBy(v => v.Vin),
            (VehicleSort.Release, true) => vehicles.OrderByDescending(v => v.ModelRelease!.Description).ThenBy(v => v.Vin),
            // Never seen sorts as the oldest: first when looking for vehicles that stopped reporting.
            (VehicleSort.LastSeen, false) => vehicles.OrderBy(v => data.IntakeVehicleStats.Where(s => s.Vin == v.Vin).Select(s => s.LastSeen).FirstOrDefault() ?? DateTimeOffset.MinValue).ThenBy(v => v.Vin),
            (VehicleSort.LastSeen, true) => vehicles.OrderByDescending(v => data.IntakeVehicleStats.Where(s => s.Vin == v.Vin).Select(s => s.LastSeen).FirstOrDefault() ?? DateTimeOffset.MinValue).ThenBy(v => v.Vin),
            (_, true) => vehicles.OrderByDescending(v => v.Vin),
            _ => vehicles.OrderBy(v => v.Vin),
        };
        var rows = await data.ListAsync(
            ordered.Skip(pageIndex * pageSize).Take(pageSize).Select(v => new VehicleRow(
                v.Vin,
                v.ModelRelease == null || v.ModelRelease.Model == null ? null : v.ModelRelease.Model.ModelName,
                v.ModelRelease == null ? null : v.ModelRelease.Description,
                v.ModelReleaseId,
                v.Created,
                data.IntakeVehicleStats.Where(s => s.Vin == v.Vin).Select(s => s.LastSeen).FirstOrDefault())),
            ct);
        return new Page<VehicleRow>(rows, total, pageIndex, pageSize);
    }

    /// <summary>
    /// A VIN search is a substring of a stored VIN: letters, digits and the prefix dash only. Anything else is
    /// refused with a message rather than silently matching nothing.
    /// </summary>
    public static string? NormalizeVinFilter(string? text)
    {
        var filter = (text ?? "").Trim().ToUpperInvariant();
        if (filter.Length == 0)
            return null;
        if (filter.Length > MaxVinFilterLength)
            throw new ValidationFailedException("vin", $"A VIN search has at most {MaxVinFilterLength} characters.");
        if (!filter.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new ValidationFailedException("vin", "A VIN search may contain only letters, digits and '-'.");
        return filter;
    }
}
