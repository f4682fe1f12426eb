using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Fleets;

/// <summary>
/// Puts one vehicle in a fleet (fleets.group.write) and notes it on the vehicle, as the old system did. A vehicle already
/// in the fleet is refused with a message rather than ignored, so the person knows nothing changed.
/// </summary>
public sealed class AddVehicleToFleet(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int fleetId, string? vinText, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.FleetWrite, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        var fleet = await FleetRules.FindAsync(data, fleetId, ct);
        if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == vin), ct))
            throw new ValidationFailedException("vin", $"No vehicle {vin} is provisioned.");
        if (await data.AnyAsync(data.FleetVehicles.Where(v => v.FleetId == fleetId && v.Vin == vin), ct))
            throw new ValidationFailedException("vin", $"{vin} is already in fleet {fleet.Name}.");
        data.Add(new FleetVehicle { FleetId = fleetId, Vin = vin });
        await FleetRules.AddNotesAsync(data, NoteObjectTypes.Vehicle, [vin], actor, FleetRules.VehicleAdded(fleetId), time.GetUtcNow(), ct);
        audit.Record(data, actor, FleetAuditActions.VehicleAdded, FleetAuditActions.EntityType, FleetRules.Id(fleetId), new { vin, fleet = fleet.Name });
        await data.SaveChangesAsync(ct);
    }
}
