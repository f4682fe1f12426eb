using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Vehicles;

public sealed record InstalledPart(string PartType, string PartNumber, DateTimeOffset Installed);

public sealed record VehicleFleetLink(int Id, string Name);

public sealed record VehicleDetail(
    string Vin,
    DateTimeOffset Created,
    int? ModelYear,
    int? ModelId,
    string? ModelName,
    int? ModelReleaseId,
    string? ReleaseDescription,
    IReadOnlyList<InstalledPart> Parts,
    IReadOnlyList<VehicleFleetLink> Fleets,
    IReadOnlyDictionary<string, string> Registration);

/// <summary>
/// The vehicle detail read model. Allowed with vehicles.vehicle.read, or to a member of a fleet that holds the
/// vehicle (spec/backend.md §3.3).
/// </summary>
public sealed class GetVehicle(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<VehicleDetail> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var vin = Vin.Parse(vinText, environment.Environment);

        await using var data = dataFactory.Open();
        await VehicleAccess.RequireReadAsync(data, user, username, vin.Value, ct);

        var head = await data.FirstOrDefaultAsync(
            data.Vehicles.Where(v => v.Vin == vin.Value).Select(v => new
            {
                v.Vin,
                v.Created,
                v.ModelReleaseId,
                ModelId = v.ModelRelease == null ? null : v.ModelRelease.ModelId,
                ModelName = v.ModelRelease == null || v.ModelRelease.Model == null ? null : v.ModelRelease.Model.ModelName,
                Release = v.ModelRelease == null ? null : v.ModelRelease.Description,
            }), ct) ?? throw new NotFoundException("Vehicle", vin.Value);

        var parts = await data.ListAsync(
            data.PartsInstalled.Where(p => p.Vin == vin.Value).OrderBy(p => p.PartType)
                .Select(p => new InstalledPart(p.PartType, p.PartNumber, p.Installed)), ct);
        // A fleet member without the global permission learns the names of their own fleets only.
        var fleetsOfVehicle = data.Fleets.Where(f => data.FleetVehicles.Any(fv => fv.FleetId == f.Id && fv.Vin == vin.Value));
        if (!await user.HasAsync(Perm.VehicleRead, ct))
            fleetsOfVehicle = fleetsOfVehicle.Where(f => data.FleetUsers.Any(fu => fu.FleetId == f.Id && fu.Username == username));
        var fleets = await data.ListAsync(fleetsOfVehicle.OrderBy(f => f.Id).Select(f => new VehicleFleetLink(f.Id, f.Name)), ct);
        var registration = await data.ListAsync(
            data.VehicleMeta.Where(m => m.Vin == vin.Value && m.Section == "registration").OrderBy(m => m.Key), ct);

        return new VehicleDetail(head.Vin, head.Created, vin.ModelYear, head.ModelId, head.ModelName, head.ModelReleaseId, head.Release,
            parts, fleets, registration.ToDictionary(m => m.Key, m => m.Value));
    }
}

/// <summary>Vehicle-level access: the global permission, or membership of a fleet that holds the vehicle.</summary>
public static class VehicleAccess
{
    public static async Task RequireReadAsync(IArcData data, ICurrentUser user, string username, string vin, CancellationToken ct)
    {
        if (await user.HasAsync(Perm.VehicleRead, ct))
            return;
        if (await IsFleetMemberAsync(data, username, vin, ct))
            return;
        throw await user.RefuseAsync(username, Perm.VehicleRead, "You may not view this vehicle: it needs the permission vehicles.vehicle.read or membership of a fleet that holds it.", "Vehicle", vin, ct);
    }

    public static Task<bool> IsFleetMemberAsync(IArcData data, string username, string vin, CancellationToken ct) =>
        data.AnyAsync(data.FleetUsers.Where(fu => fu.Username == username
            && data.FleetVehicles.Any(fv => fv.FleetId == fu.FleetId && fv.Vin == vin)), ct);
}
